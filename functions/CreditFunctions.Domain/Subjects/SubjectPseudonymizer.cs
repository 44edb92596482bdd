using System.Security.Cryptography;
using System.Text;

namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// The key under which a subject is stored and logged. An ID number is never a table key or log field in clear
/// text (docs/rules.md "Subjects"), so an individual is keyed by a keyed hash of the number; a unit by its USCC (not
/// personal information, and readable for operators).
/// </summary>
/// <remarks>
/// HMAC rather than a plain hash: ID numbers are a small, structured space (address, birth date, sequence) that
/// can be enumerated, so only a secret key stops someone with the table from reversing the pseudonyms. The key
/// comes from configuration (Key Vault); it is never a constant in code. Changing it re-keys every individual.
/// </remarks>
public sealed class SubjectPseudonymizer
{
    /// <summary>Least key size accepted: 128 bits.</summary>
    public const int MinimumKeyBytes = 16;

    /// <summary>Prefix of an individual's pseudonym; a USCC never contains a lower-case letter or '-'.</summary>
    public const string IndividualPrefix = "i-";

    /// <summary>Hex characters kept from the HMAC-SHA256 (128 bits): ample against collisions, short as a key.</summary>
    private const int HashHexLength = 32;

    private readonly byte[] key;

    /// <param name="key">The secret, at least <see cref="MinimumKeyBytes"/> bytes.</param>
    public SubjectPseudonymizer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireStrongEnough(key.Length, nameof(key));
        this.key = (byte[])key.Clone();
    }

    /// <param name="key">The secret as configured; its UTF-8 bytes are the key (at least <see cref="MinimumKeyBytes"/>).</param>
    public SubjectPseudonymizer(string key)
        : this(Encoding.UTF8.GetBytes(key ?? throw new ArgumentNullException(nameof(key))))
    {
    }

    /// <summary>
    /// The stable key for <paramref name="id"/>: the USCC for a unit; for an individual <c>i-</c> followed by the
    /// first 32 lower-case hex characters of HMAC-SHA256(key, ID number). Safe as an Azure Table PartitionKey.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> did not come from <c>SubjectId.TryParse</c>.</exception>
    public string KeyFor(SubjectId id)
    {
        var value = id.Value.AsSpan();
        if (id.Type == SubjectType.Unit)
        {
            // Re-checked because a hand-made SubjectId could otherwise put '/', '#' or the like into a table key. Only
            // charset and check character: that is what keeps a key safe, and units stored before the parser checked
            // the inner parts (organization code check and the like) must still be found under their key.
            return UnifiedSocialCreditCode.HasValidCheckCharacter(value)
                ? id.Value
                : throw new ArgumentException("Not a parsed unit identifier.", nameof(id));
        }

        if (!ResidentIdNumber.HasShape(value))
        {
            throw new ArgumentException("Not a parsed individual identifier.", nameof(id));
        }

        Span<byte> number = stackalloc byte[ResidentIdNumber.Length];
        for (var i = 0; i < number.Length; i++)
        {
            number[i] = (byte)value[i]; // ASCII digits and X, checked by HasShape
        }

        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, number, hash);

        Span<char> pseudonym = stackalloc char[IndividualPrefix.Length + HashHexLength];
        IndividualPrefix.CopyTo(pseudonym);
        Convert.TryToHexStringLower(hash[..(HashHexLength / 2)], pseudonym[IndividualPrefix.Length..], out _);
        return new string(pseudonym);
    }

    /// <summary>
    /// Names the key without revealing it: the first 16 lower-case hex characters of HMAC-SHA256(key, a fixed label).
    /// A re-keying migration (infra/Rekey) records the fingerprints of the keys it moves between, so a second run can
    /// tell the same migration from another one; equal fingerprints mean the same key.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, "CreditFunctions pseudonym key fingerprint"u8, hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
    }

    /// <summary>True for a string shaped like an individual's pseudonym (<c>i-</c> and 32 lower-case hex characters).</summary>
    public static bool IsIndividualKey(string? value)
    {
        if (value is null || value.Length != IndividualPrefix.Length + HashHexLength || !value.StartsWith(IndividualPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(IndividualPrefix.Length))
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static void RequireStrongEnough(int keyBytes, string paramName)
    {
        if (keyBytes == 0)
        {
            throw new ArgumentException("The subject pseudonym key is empty: configure a secret key.", paramName);
        }

        if (keyBytes < MinimumKeyBytes)
        {
            throw new ArgumentException(
                $"The subject pseudonym key has {keyBytes} bytes; at least {MinimumKeyBytes} are required.",
                paramName);
        }
    }
}
