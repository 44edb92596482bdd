namespace CreditFunctions.PlatformSimulator;

/// <summary>
/// How badly the simulator behaves: a share of requests answered 500, a share never answered (the client times
/// out; the event is stored first, as when a real answer is lost on the way back, so the retry must be recognised
/// as a repeat), and a delay before every answer.
/// </summary>
public sealed record ChaosSettings(double FailureRate = 0, double TimeoutRate = 0, int DelayMs = 0)
{
    public static readonly ChaosSettings Healthy = new();
}

/// <summary>A change to the chaos settings (<c>POST /control</c>): only the fields given change.</summary>
public sealed record ChaosUpdate(double? FailureRate, double? TimeoutRate, int? DelayMs);

/// <summary>The current chaos settings, changed at run time through <c>POST /control</c>.</summary>
public sealed class Chaos(ChaosSettings initial)
{
    private volatile ChaosSettings _settings = initial;

    public ChaosSettings Settings => _settings;

    public ChaosSettings Apply(ChaosUpdate update) => _settings = new ChaosSettings(
        Math.Clamp(update.FailureRate ?? _settings.FailureRate, 0, 1),
        Math.Clamp(update.TimeoutRate ?? _settings.TimeoutRate, 0, 1),
        Math.Max(0, update.DelayMs ?? _settings.DelayMs));

    public void Set(ChaosSettings settings) => _settings = settings;
}
