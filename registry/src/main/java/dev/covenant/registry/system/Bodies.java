package dev.covenant.registry.system;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/** Reads request bodies with a hard cap, refusing early when Content-Length already says too much. */
public final class Bodies {

    private Bodies() {
    }

    /** The whole body as bytes (empty array when there is none); 413 past {@code maxBytes}. */
    public static Mono<byte[]> read(ServerHttpRequest request, long maxBytes) {
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(new PayloadTooLargeException(maxBytes));
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        return DataBufferUtils.join(request.getBody(), limit)
                .map(Bodies::drain)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> new PayloadTooLargeException(maxBytes));
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
