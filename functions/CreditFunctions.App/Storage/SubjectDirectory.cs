using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>
/// A subject's stored records by its id, and those of a unit's legal representative (art9.2.2): from the copies in the
/// unit's own partition once they are complete (<see cref="RepresentativeMirrors"/>), else by reading the representative.
/// </summary>
public sealed class SubjectDirectory(RecordStore records, SubjectKeys keys)
{
    public Task<SubjectRecords> ReadAsync(SubjectId subject, CancellationToken cancellationToken) =>
        records.ReadSubjectAsync(keys.KeyFor(subject), cancellationToken);

    public async Task<IReadOnlyList<CreditRecord>> LegalRepresentativeRecordsAsync(SubjectRecords unit, CancellationToken cancellationToken)
    {
        var representative = unit.Profile?.LegalRepresentativeKey;
        if (representative is not null && unit.Profile!.MirroredFrom == representative)
        {
            // The unit's partition holds complete copies of the representative's records: no second read.
            return unit.RepresentativeCopies.Where(c => c.RepresentativeKey == representative).Select(c => c.Record).ToList();
        }

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
