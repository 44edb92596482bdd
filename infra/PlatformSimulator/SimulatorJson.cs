using System.Text.Json.Serialization;

namespace CreditFunctions.PlatformSimulator;

/// <summary>The simulator's JSON, source-generated and camelCase like the contract.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReceivedEvent))]
[JsonSerializable(typeof(EventList))]
[JsonSerializable(typeof(LedgerStats))]
[JsonSerializable(typeof(ChaosSettings))]
[JsonSerializable(typeof(ChaosUpdate))]
[JsonSerializable(typeof(PostAnswer))]
[JsonSerializable(typeof(HookLog))]
[JsonSerializable(typeof(HookSecret))]
public sealed partial class SimulatorJson : JsonSerializerContext;
