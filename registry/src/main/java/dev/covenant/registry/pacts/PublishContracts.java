package dev.covenant.registry.pacts;

import java.util.List;

/** A validated {@code POST /contracts/publish} request: one consumer version, its pacts. */
record PublishContracts(String consumer, String version, String branch, List<String> tags, String buildUrl,
        List<ContractToPublish> contracts) {
}
