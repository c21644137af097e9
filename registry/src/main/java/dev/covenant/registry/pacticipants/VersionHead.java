package dev.covenant.registry.pacticipants;

/**
 * A version that a "latest" pointer names: the latest of its application ({@code kind} APPLICATION, no name), of a
 * branch or of a tag. Gates and for-verification read these pointers, so retention never removes what they name.
 */
public record VersionHead(Kind kind, String application, String name, String version) {

    /** Which pointer names the version. */
    public enum Kind { APPLICATION, BRANCH, TAG }
}
