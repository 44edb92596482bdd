namespace CreditFunctions.App.Api;

/// <summary>GET /api/units/{unit}/quality: how timely a unit's records arrive and why its submissions were refused (art7).</summary>
public sealed record UnitQualityResponse(string Unit, TimelinessView Timeliness, RejectionsView Rejections);

/// <summary>
/// Records by working days from decision to arrival; <c>onTimeShare</c> is the share within 7 working days (national
/// practice for administrative penalties). <c>total</c> sums the months.
/// </summary>
public sealed record TimelinessView(TimelinessMonthView Total, IReadOnlyList<TimelinessMonthView> Months);

public sealed record TimelinessMonthView(
    string? Month, long Records, long Lag0To7, long Lag8To15, long Lag16To30, long LagOver30, double? OnTimeShare, double? AverageWorkingDays, long MaxWorkingDays);

public sealed record RejectionsView(long Total, IReadOnlyList<RejectionCodeView> ByCode);

public sealed record RejectionCodeView(string Code, long Count);
