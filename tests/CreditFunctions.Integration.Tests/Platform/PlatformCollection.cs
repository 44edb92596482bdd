namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>
/// The push, reconciliation, token and sweep tests share one private Azurite and one simulator and run one after
/// another: the sweep state and the outbox queue are register-wide, and fewer Azurite processes start more reliably
/// on a busy two-core machine. (The chaos test has its own, since it counts everything the platform holds.)
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
