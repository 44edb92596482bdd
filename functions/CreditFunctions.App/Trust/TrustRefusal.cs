namespace CreditFunctions.App.Trust;

/// <summary>
/// Why a message's proof of sender (or a claim check's blob) was not accepted: the contract's reason code, which check
/// failed (a stable name, for logs and tests), and a sentence in Chinese and English for the sending unit.
/// Ingestion maps it one to one onto its own rejection (code, zh, en, field).
/// </summary>
public sealed record TrustRefusal(string Code, string Check, string Zh, string En, string? Field = null);

/// <summary>The contract's reason codes this folder produces.</summary>
public static class TrustCodes
{
    /// <summary>JSON, but not a valid signature of a known key of the envelope's source (contract v2, art12).</summary>
    public const string UnauthenticatedSource = "unauthenticated-source";

    /// <summary>A claim check's blob whose SHA-256 is not the envelope's <c>recordsBlobSha256</c>.</summary>
    public const string RecordsBlobMismatch = "records-blob-mismatch";

    /// <summary>The envelope lacks a field this folder needs (<c>recordsBlobSha256</c>); the same code as version 1's.</summary>
    public const string MissingField = "missing-field";

    /// <summary>A field this folder reads has the wrong form; the same code ingestion uses for other fields.</summary>
    public const string InvalidField = "invalid-field";
}

/// <summary>Which check of the proof of sender failed (<see cref="TrustRefusal.Check"/>).</summary>
public static class SenderChecks
{
    public const string NotFlattenedJws = "not-flattened-jws";
    public const string ProtectedHeaderUnreadable = "protected-header-unreadable";
    public const string AlgNotEs256 = "alg-not-es256";
    public const string KidMissing = "kid-missing";
    public const string KidUnknown = "kid-unknown";
    public const string SignatureInvalid = "signature-invalid";
    public const string PayloadUnreadable = "payload-unreadable";
    public const string KidUnitNotSource = "kid-unit-not-source";
    public const string Unsigned = "unsigned";
    public const string RecordsBlobHashMissing = "records-blob-sha256-missing";
    public const string RecordsBlobHashMalformed = "records-blob-sha256-malformed";
    public const string RecordsBlobHashDiffers = "records-blob-sha256-differs";
}
