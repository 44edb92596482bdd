using Azure.Data.Tables;

namespace CreditFunctions.App.Objections;

/// <summary>Stored objections in the API's shapes.</summary>
public static class ObjectionViews
{
    public static ObjectionView Of(StoredObjection o, DateOnly today) => new(
        o.ObjectionId,
        o.Status,
        o.RecordId,
        o.Unit,
        o.FiledAs,
        o.Reason,
        o.Evidence,
        o.FiledOn,
        o.DecideBy,
        IsOverdue(o.Status, o.DecideBy, today),
        o.EscalatedAt,
        o.Status == ObjectionStatus.Decided ? o.Outcome : null,
        o.Status == ObjectionStatus.Decided ? o.DecisionReason : null,
        o.Status == ObjectionStatus.Decided ? o.DecidedOn : null,
        o.Status == ObjectionStatus.Decided ? o.CorrectedVersion : null);

    public static ObjectionSummary Summary(TableEntity row, DateOnly today)
    {
        var status = row.GetString("Status") ?? ObjectionStatus.Pending;
        var decideBy = ObjectionEntities.ParseDate(row.GetString("DecideBy")) ?? default;
        return new ObjectionSummary(
            row.GetString("ObjectionId") ?? "",
            status,
            row.GetString("RecordId") ?? "",
            row.GetString("Unit") ?? "",
            ObjectionEntities.ParseDate(row.GetString("FiledOn")) ?? default,
            decideBy,
            IsOverdue(status, decideBy, today),
            row.GetBoolean("Escalated") ?? false,
            row.GetString("Outcome"),
            ObjectionEntities.ParseDate(row.GetString("DecidedOn")));
    }

    /// <summary>The domain's rule (ObjectionDeadlines.IsOverdue): still open and today is after the decide-by day.</summary>
    private static bool IsOverdue(string status, DateOnly decideBy, DateOnly today) => status != ObjectionStatus.Decided && today > decideBy;
}
