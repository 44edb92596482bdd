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

    /// <summary>
    /// The records of <paramref name="subject"/>'s legal representative, when it is a unit and the business type's
    /// measures name the representative (<paramref name="businessNeedsThem"/>, from
    /// <c>RestrictionCheck.NeedsLegalRepresentative</c>); otherwise none, with no storage request.
    /// </summary>
    public async Task<IReadOnlyList<CreditRecord>> LegalRepresentativeRecordsAsync(
        SubjectId subject, SubjectRecords unit, bool businessNeedsThem, CancellationToken cancellationToken)
    {
        if (subject.Type != SubjectType.Unit || !businessNeedsThem)
        {
            return [];
        }

        // Every write of a record naming a representative writes the profile in the same transaction: the profile is
        // where the representative is known.
        var representative = unit.Profile?.LegalRepresentativeKey;
        if (representative is null)
        {
            return [];
        }

        if (unit.Profile!.MirroredFrom == representative)
        {
            // The unit's partition holds complete copies of the representative's records: no second read.
            return unit.RepresentativeCopies.Where(c => c.RepresentativeKey == representative).Select(c => c.Record).ToList();
        }

        return (await records.ReadSubjectAsync(representative, cancellationToken)).Records;
    }
}
