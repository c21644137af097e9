package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that meets the store closed under it by another command's failed write (a full disk closes H2's store)
 * runs again on the store opened from its file; any other failure is the command's own and is not repeated.
 */
class ReopeningBackendTest {

    @TempDir
    Path dir;

    private ReopeningBackend backend;

    private ReopeningBackend open() {
        String file = dir.resolve("covenant.mv").toString();
        backend = new ReopeningBackend(() -> new CommittingH2Backend(MVStore.open(file), Durability.PROCESS),
                LocalPeers.ofThisUser());
        return backend;
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aCommandWhoseStoreWasClosedUnderItRunsAgainOnTheReopenedStore() {
        ReopeningBackend reopening = open();
        CommittingH2Backend first = reopening.backend();
        first.store().openMap("data").put("k", "acknowledged");
        first.store().commit();
        List<CommittingH2Backend> ran = new ArrayList<>();

        Object read = reopening.onOpenStore(current -> {
            ran.add(current);
            if (ran.size() == 1) {
                current.store().closeImmediately(); // what another command's failed write does
            }
            return current.store().openMap("data").get("k");
        });

        assertThat(read).isEqualTo("acknowledged");
        assertThat(ran).hasSize(2);
        assertThat(ran.get(1)).isNotSameAs(first).isSameAs(reopening.backend());
    }

    @Test
    void aCommandsOwnFailureOnAnOpenStoreIsNotRepeated() {
        ReopeningBackend reopening = open();
        List<CommittingH2Backend> ran = new ArrayList<>();

        assertThatThrownBy(() -> reopening.onOpenStore(current -> {
            ran.add(current);
            throw new IllegalArgumentException("bad query");
        })).hasMessage("bad query");
        assertThat(ran).hasSize(1);
    }

    @Test
    void onlyH2sClosedErrorCountsAsClosedUnderACommand() {
        ReopeningBackend reopening = open();
        MVStore store = reopening.backend().store();
        store.closeImmediately();
        Throwable closed = catchClosed(store);

        assertThat(ReopeningBackend.closedUnder(new RuntimeException("wrapped", closed))).isTrue();
        assertThat(ReopeningBackend.closedUnder(new IllegalStateException("This store is closed"))).isFalse();
    }

    private static Throwable catchClosed(MVStore store) {
        try {
            store.openMap("data");
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("a closed store opened a map");
    }
}
