package dev.covenant.registry.pacticipants;

/** Explicitly set attributes of an application; a null field is left as it is. */
public record ApplicationUpdate(String displayName, String team, String repositoryUrl, String mainBranch) {

    public static final ApplicationUpdate NONE = new ApplicationUpdate(null, null, null, null);
}
