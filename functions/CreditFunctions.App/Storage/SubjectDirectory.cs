using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>A subject's stored records by its id, and those of a unit's legal representative (art9.2.2).</summary>
public sealed class SubjectDirectory(RecordStore records, SubjectKeys keys)
{
    public Task<SubjectRecords> ReadAsync(SubjectId subject, CancellationToken cancellationToken) =>
        records.ReadSubjectAsync(keys.KeyFor(subject), cancellationToken);

    public async Task<IReadOnlyList<CreditRecord>> LegalRepresentativeRecordsAsync(SubjectRecords unit, CancellationToken cancellationToken)
    {
        var representative = unit.Profile?.LegalRepresentativeKey;
        if (representative is null)
        {
            // The profile row is written with the records; fall back to the latest record naming a representative.
            var named = unit.Records.Where(r => r.LegalRepresentative is not null).OrderByDescending(r => r.Version).FirstOrDefault();
            if (named?.LegalRepresentative is not { } id)
            {
                return [];
            }

            representative = keys.KeyFor(id);
        }

        return (await records.ReadSubjectAsync(representative, cancellationToken)).Records;
    }
}
