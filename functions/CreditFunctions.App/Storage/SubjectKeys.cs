using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CreditFunctions.Domain.Subjects;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Where a subject lives in storage: its key (a unit's USCC, an individual's keyed pseudonym, never the ID
/// number itself) and its bucket partition. See docs/table-design.md.
/// </summary>
public sealed class SubjectKeys
{
    public const int BucketCount = 32;
    public const string KeySetting = "Pseudonym:Key";

    private readonly SubjectPseudonymizer _pseudonymizer;

    public SubjectKeys(IConfiguration configuration)
    {
        var key = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException(
                "The pseudonym key is not configured: set 'Pseudonym__Key' (in Azure a Key Vault reference). " +
                "Individuals' ID numbers are never stored in clear, so the app cannot start without it.");
        }

        _pseudonymizer = new SubjectPseudonymizer(key);
    }

    public string KeyFor(SubjectId subject) => _pseudonymizer.KeyFor(subject);

    public static string BucketOf(string subjectKey)
    {
        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(subjectKey);
        SHA256.HashData(bytes, hash);
        var bucket = BinaryPrimitives.ReadUInt32BigEndian(hash) % BucketCount;
        return string.Create(3, bucket, static (span, b) =>
        {
            span[0] = 'b';
            span[1] = (char)('0' + (b / 10));
            span[2] = (char)('0' + (b % 10));
        });
    }

    public static IEnumerable<string> AllBuckets()
    {
        for (var i = 0; i < BucketCount; i++)
        {
            yield return $"b{i:D2}";
        }
    }
}
