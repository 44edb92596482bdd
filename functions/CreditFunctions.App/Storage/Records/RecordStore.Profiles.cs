using Azure.Data.Tables;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>A subject's profile row (<c>s|{key}|p</c>): name, type and, for a unit, its legal representative (art9.2.2).</summary>
public sealed partial class RecordStore
{
    /// <summary>
    /// Merges a <c>subject-profile/v1</c> message's facts into the profile: applying it twice leaves it as applying it
    /// once; the last message applied wins (the schema carries no version). Naming a representative links the unit's copies.
    /// </summary>
    public async Task WriteProfileAsync(SubjectId subject, string? name, SubjectId? representative, string source, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var key = keys.KeyFor(subject);
        var entity = new TableEntity(SubjectKeys.BucketOf(key), Keys.ProfileRow(key))
        {
            ["SubjectType"] = subject.Type.ToWire(),
            ["ProfileSource"] = source,
            ["ProfileUpdatedAt"] = clock.GetUtcNow(),
        };
        if (name is not null)
        {
            entity["Name"] = name;
        }

        if (subject.Type == SubjectType.Individual)
        {
            // Not a key, never logged: what a re-keying migration derives the individual's new key from (infra/Rekey).
            entity["SubjectId"] = subject.Value;
        }

        if (representative is { } rep)
        {
            entity["LegalRepresentativeKey"] = keys.KeyFor(rep);
            // Likewise: the representative may have no record of its own to learn its ID number from.
            entity["LegalRepresentativeId"] = rep.Value;
        }

        await Records.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        if (representative is { } named)
        {
            // The unit's copies of its representative's records; a redelivered message finishes a link cut short.
            await LinkRepresentativeAsync(key, keys.KeyFor(named), cancellationToken);
        }
    }
}
