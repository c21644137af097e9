package dev.covenant.registry.storage;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;

/** Classifies driver errors. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /** True for a unique-index violation (E11000), the signal that an idempotent insert already happened. */
    public static boolean isDuplicateKey(Throwable error) {
        if (error instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return error instanceof MongoServerException server && server.getCode() == 11000;
    }
}
