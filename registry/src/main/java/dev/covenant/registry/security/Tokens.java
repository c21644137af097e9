package dev.covenant.registry.security;

import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.system.ConflictException;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issues, lists, revokes and checks API tokens. A token is {@code cov_} and 32 random bytes in base64url; it is
 * shown once, when created, and stored only as its SHA-256. The bootstrap admin token comes from configuration.
 */
@Service
class Tokens {

    static final String PREFIX = "cov_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore store;
    private final Clock clock;
    private final String bootstrapName;
    private final byte[] bootstrapHash;

    Tokens(TokenStore store, Clock clock, SecurityProperties properties) {
        this.store = store;
        this.clock = clock;
        this.bootstrapName = properties.adminTokenName();
        this.bootstrapHash = properties.adminToken() == null ? null : digest(properties.adminToken());
    }

    /** A token that was just created: the only time its secret is known. */
    record Issued(TokenInfo info, String token) {
    }

    Mono<Issued> create(String name, String roleText, String team, String createdBy) {
        return Mono.fromCallable(() -> validated(name, roleText, team))
                .map(valid -> new TokenInfo(valid.name(), valid.role(), valid.team(), valid.createdAt(), createdBy))
                .flatMap(info -> {
                    String token = newToken();
                    Document document = new Document("_id", hash(token))
                            .append("name", info.name())
                            .append("role", info.role().id())
                            .append("team", info.team())
                            .append("createdAt", Date.from(info.createdAt()))
                            .append("createdBy", createdBy);
                    return store.insert(document)
                            .onErrorMap(MongoErrors::isDuplicateKey, e -> duplicate(name))
                            .thenReturn(new Issued(info, token));
                });
    }

    Flux<TokenInfo> list() {
        return store.all().map(TokenInfo::from);
    }

    Mono<TokenInfo> delete(String name) {
        return store.deleteByName(name)
                .map(TokenInfo::from)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No token named '" + name + "'")));
    }

    /** The caller a bearer token stands for; empty when the token is unknown. */
    Mono<Caller> authenticateBearer(String token) {
        if (isBootstrap(token)) {
            return Mono.just(new Caller(bootstrapName, Role.ADMIN, null));
        }
        return store.findByHash(hash(token)).map(TokenInfo::from).map(TokenInfo::caller);
    }

    /** HTTP basic: the user name is the token's name, the password the token. */
    Mono<Caller> authenticateBasic(String name, String token) {
        if (bootstrapName.equals(name) && isBootstrap(token)) {
            return Mono.just(new Caller(bootstrapName, Role.ADMIN, null));
        }
        return authenticateBearer(token).filter(caller -> caller.name().equals(name));
    }

    private boolean isBootstrap(String token) {
        return bootstrapHash != null && MessageDigest.isEqual(bootstrapHash, digest(token));
    }

    private TokenInfo validated(String name, String roleText, String team) {
        Names.require("name", name);
        if (!name.matches("[A-Za-z0-9._@\\-]+")) {
            throw new InvalidRequestException("name", "may contain only letters, digits and . _ @ -");
        }
        if (name.equals(bootstrapName)) {
            throw duplicate(name);
        }
        Role role = Role.parse(roleText);
        if (role == null) {
            throw new InvalidRequestException("role", "must be one of read, publish, admin");
        }
        if (role == Role.PUBLISH && (team == null || team.isBlank())) {
            throw new InvalidRequestException("team", "a publish token belongs to a team: give its name");
        }
        if (role != Role.PUBLISH && team != null) {
            throw new InvalidRequestException("team", "only publish tokens belong to a team");
        }
        if (team != null) {
            Names.require("team", team);
        }
        return new TokenInfo(name, role, team, clock.instant(), null);
    }

    private static ConflictException duplicate(String name) {
        return new ConflictException("name", "A token named '" + name + "' already exists");
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
