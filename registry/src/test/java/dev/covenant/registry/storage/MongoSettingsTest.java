package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

/** The concerns the registry asks of a real MongoDB, and that an operator's URI options still win. */
class MongoSettingsTest {

    @Test
    void writesWaitForAJournaledMajorityAndReadsSeeOnlyMajorityCommittedData() {
        MongoClientSettings settings = MongoConfiguration.settings(
                new ConnectionString("mongodb://db-1:27017,db-2:27017/?replicaSet=rs0"), false);

        assertThat(settings.getWriteConcern().getWObject()).isEqualTo("majority");
        assertThat(settings.getWriteConcern().getJournal()).isTrue();
        assertThat(settings.getReadConcern().getLevel()).isEqualTo(ReadConcernLevel.MAJORITY);
    }

    @Test
    void concernsGivenInTheUriAreKept() {
        MongoClientSettings settings = MongoConfiguration.settings(
                new ConnectionString("mongodb://db-1:27017/?w=2&journal=false&readConcernLevel=local"), false);

        assertThat(settings.getWriteConcern()).isEqualTo(new WriteConcern(2).withJournal(false));
        assertThat(settings.getReadConcern()).isEqualTo(ReadConcern.LOCAL);
    }

    @Test
    void theEmbeddedServerGetsTheDriverDefaultsSinceItCommitsEveryWriteItself() {
        MongoClientSettings settings = MongoConfiguration.settings(new ConnectionString("mongodb://127.0.0.1:1"), true);

        assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.ACKNOWLEDGED);
        assertThat(settings.getReadConcern()).isEqualTo(ReadConcern.DEFAULT);
    }
}
