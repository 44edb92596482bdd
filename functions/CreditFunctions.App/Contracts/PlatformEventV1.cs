using System.Globalization;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Contracts;

/// <summary>The event types of the contract ("The platform").</summary>
public static class PlatformEventTypes
{
    public const string Publish = Domain.Lifecycle.PlatformChangeTypes.Publish;
    public const string Withdraw = Domain.Lifecycle.PlatformChangeTypes.Withdraw;
    public const string ObjectionOpened = Domain.Lifecycle.PlatformChangeTypes.ObjectionOpened;
    public const string ObjectionClosed = Domain.Lifecycle.PlatformChangeTypes.ObjectionClosed;
}

/// <summary>
/// A platform event (contract "The platform"), POSTed to <c>{Platform__BaseUrl}/credit-events</c> by the push: one change the
/// municipal credit platform must hear of (art4, art7, art9.1). Written to the outbox in the same
/// transaction as the change itself, so it exists exactly when the change does.
/// </summary>
public sealed record PlatformEvent(string EventId, string Type, string RecordId, long Version, DateTimeOffset OccurredAt, PlatformRecord Record)
{
    /// <summary>
    /// Stable for the same change, so a resend is dropped by the platform; ordered by version inside a record, so
    /// the outbox rows of one record sort in the order they must be sent. <paramref name="discriminator"/> tells
    /// apart changes of one version that can happen more than once (objections).
    /// </summary>
    public static string IdFor(string recordId, long version, string type, string? discriminator = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{recordId}.{version:D10}.{type}{(discriminator is null ? "" : "." + discriminator)}");

    public static PlatformEvent For(string type, CreditRecord record, DateTimeOffset at, string? discriminator = null) =>
        new(IdFor(record.RecordId, record.Version, type, discriminator), type, record.RecordId, record.Version, at, PlatformRecord.Of(record));

}

/// <summary>The record as the platform receives it (its <c>record</c> field).</summary>
public sealed record PlatformRecord(
    string RecordId,
    long Version,
    string Source,
    string Kind,
    string Classification,
    string? Severity,
    string SubjectType,
    string SubjectId,
    string? SubjectName,
    DateOnly DecisionDate,
    string? DecisionNumber,
    DateOnly Start,
    DateOnly? ExpiresOn,
    string State,
    bool UnderObjection,
    string? LegalBasis,
    string? Summary,
    string CatalogueVersion)
{
    public static PlatformRecord Of(CreditRecord r) => new(
        r.RecordId, r.Version, r.Source, r.Kind.ToWire(), r.Classification.ToWire(), r.Severity?.ToWire(),
        r.Subject.Type.ToWire(), r.Subject.Value, r.SubjectName, r.DecisionDate, r.DecisionNumber, r.Start, r.ExpiresOn,
        r.State.ToWire(), r.UnderObjection, r.LegalBasis, r.Summary, r.CatalogueVersion);
}
