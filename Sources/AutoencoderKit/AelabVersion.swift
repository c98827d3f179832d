// AelabVersion: the version of aelab written into checkpoints and shown by the CLI.

/// The program's version.
public enum AelabVersion {
    /// Semantic version of this build, recorded in every checkpoint's metadata.
    public static let current = "0.1.0"
}
