package dev.covenant.registry.storage;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/** Classifies driver errors. */
public final class MongoErrors {

    /** MongoDB's code for a write refused for lack of disk space; the embedded store sends it too. */
    public static final int OUT_OF_DISK_SPACE = 14031;

    /** Codes that mean "the store cannot take this now, try again": no space, shutting down, no primary. */
    private static final Set<Integer> UNAVAILABLE = Set.of(OUT_OF_DISK_SPACE, 91, 189, 10107, 11600, 11602, 13435,
            13436, 64);

    private MongoErrors() {
    }

    /**
     * True when the store is unreachable or cannot write for now (disk full, no primary, write concern not met):
     * the request may succeed later and nothing of it was acknowledged.
     */
    public static boolean isUnavailable(Throwable error) {
        if (error instanceof MongoSocketException || error instanceof MongoTimeoutException
                || error instanceof MongoNotPrimaryException || error instanceof MongoNodeIsRecoveringException
                || error instanceof MongoWriteConcernException) {
            return true;
        }
        if (error instanceof MongoWriteException write) {
            return UNAVAILABLE.contains(write.getError().getCode());
        }
        return error instanceof MongoServerException server && UNAVAILABLE.contains(server.getCode());
    }

    /** True when an error (or one of its causes) says the disk is full. */
    static boolean outOfSpace(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk full") || message.contains("not enough space")
                    || cause instanceof IOException && message.contains("quota")) {
                return true;
            }
        }
        return false;
    }

    /** True for a unique-index violation (E11000), the signal that an idempotent insert already happened. */
    public static boolean isDuplicateKey(Throwable error) {
        if (error instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return error instanceof MongoServerException server && server.getCode() == 11000;
    }
}
