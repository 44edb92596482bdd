using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Repairs;
using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.App.Api;

/// <summary>
/// components/schemas of the OpenAPI document, exported from the source-generated JSON contracts the functions read and
/// write (JsonSchemaExporter), so a body cannot change without its schema. The export is corrected for OpenAPI in one
/// transform: every object type nested in another becomes a component of its own, referred to as
/// <c>#/components/schemas/Name</c> (the exporter's own references are pointers into the schema being exported, which do
/// not resolve once it sits in components); a member that can be null is optional and typed without <c>null</c>, because
/// <see cref="Json.AppJson"/> leaves null members out (<c>WhenWritingNull</c>): clients must expect the member absent,
/// never a null; <see cref="WireSetAttribute"/> members refer to the closed set's enum; <see cref="DescriptionAttribute"/>,
/// <see cref="RequiredAttribute"/> and <see cref="MinLengthAttribute"/>/<see cref="MaxLengthAttribute"/> (arrays) become
/// description, required and minItems/maxItems.
/// </summary>
internal sealed class OpenApiSchemas
{
    /// <summary>Public component names that differ from the C# type's (what the contract and clients call them).</summary>
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(ProblemDocument)] = "Problem",
        [typeof(LocalizedName)] = "LocalizedText",
        [typeof(CatalogueDocument)] = "Catalogue",
        [typeof(ObjectionFilingBody)] = "ObjectionRequest",
        [typeof(ObjectionDecisionBody)] = "ObjectionDecision",
        [typeof(ObjectionFiled)] = "ObjectionCreated",
        [typeof(ObjectionView)] = "Objection",
        [typeof(RepairFilingBody)] = "RepairRequest",
        [typeof(RepairDecisionBody)] = "RepairDecision",
        [typeof(RepairFiled)] = "RepairCreated",
        [typeof(RepairView)] = "Repair",
        [typeof(Reports.IssuedReport)] = "CreditReport",
        [typeof(Reports.VerifiedReport)] = "VerifiedCreditReport",
        [typeof(Reports.ReportRecordView)] = "CreditReportRecord",
        [typeof(Reports.ReportKeySet)] = "ReportKeySet",
    };

    /// <summary>Descriptions of types the app does not own (the domain's catalogue document).</summary>
    private static readonly Dictionary<Type, string> TypeDescriptions = new()
    {
        [typeof(CatalogueDocument)] = "One version of the catalogue, the \"three lists\" of art7, as loaded and validated at start: " +
            "the data list (record kinds, their fields, who may submit them), the behaviour list (codes with their severity and legal " +
            "basis), the application list (measures, their triggers and the business types they affect), the publication regimes " +
            "and deadlines. Served as stored.",
        [typeof(BilingualText)] = "A text in Chinese and English.",
    };

    private readonly SortedDictionary<string, JsonNode> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _owners = new(StringComparer.Ordinal);
    private readonly Queue<JsonTypeInfo> _pending = new();
    private readonly JsonSchemaExporterOptions _options;

    public OpenApiSchemas() => _options = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };

    public IReadOnlyDictionary<string, JsonNode> Components => _components;

    /// <summary>The component a contract type is exported as (once), and a reference to it.</summary>
    public JsonObject Ref(JsonTypeInfo type) => RefTo(Register(type));

    public static JsonObject RefTo(string component) => new() { ["$ref"] = "#/components/schemas/" + component };

    /// <summary>A schema of the document's own, not exported from a type.</summary>
    public void Add(string name, JsonNode schema)
    {
        if (!_owners.TryAdd(name, typeof(OpenApiSchemas)))
        {
            throw new InvalidOperationException($"Two schemas named {name}.");
        }

        _components[name] = schema;
    }

    /// <summary>Exports every type registered so far and every object type they contain.</summary>
    public void ExportAll()
    {
        while (_pending.TryDequeue(out var type))
        {
            var schema = type.GetJsonSchemaAsNode(_options);
            _components[NameOf(type.Type)] = schema;
        }
    }

    private string Register(JsonTypeInfo type)
    {
        var name = NameOf(type.Type);
        if (_owners.TryGetValue(name, out var owner))
        {
            return owner == type.Type ? name : throw new InvalidOperationException($"{type.Type} and {owner} would both be the schema {name}.");
        }

        _owners[name] = type.Type;
        _components[name] = new JsonObject(); // placeholder until ExportAll, so the order of names is known
        _pending.Enqueue(type);
        return name;
    }

    private string RegisterSet(string set)
    {
        if (!WireSets.All.TryGetValue(set, out var words))
        {
            throw new InvalidOperationException($"No wire set {set}.");
        }

        if (_owners.TryAdd(set, typeof(WireSets)))
        {
            _components[set] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = words.Description,
                ["enum"] = new JsonArray([.. words.Values.Select(v => (JsonNode)v)]),
            };
        }
        else if (_owners[set] != typeof(WireSets))
        {
            throw new InvalidOperationException($"The wire set {set} has the name of a schema.");
        }

        return set;
    }

    private static string NameOf(Type type) => Names.TryGetValue(type, out var name) ? name : type.Name;

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = context.TypeInfo;

        // JsonElement (a corrected record's fields) exports as "true", any JSON: the handler takes an object.
        if (type.Type == typeof(System.Text.Json.JsonElement) || Nullable.GetUnderlyingType(type.Type) == typeof(System.Text.Json.JsonElement))
        {
            node = new JsonObject { ["type"] = "object" };
        }

        if (node is not JsonObject schema)
        {
            return node;
        }

        // Null is never written (WhenWritingNull): no member is ever null on the wire.
        WithoutNull(schema);

        if (context.Path.Length > 0 && type.Kind == JsonTypeInfoKind.Object)
        {
            schema = Ref(type);
        }

        if (context.PropertyInfo is { } property)
        {
            var attributes = property.AttributeProvider;
            if (attributes?.GetCustomAttributes(typeof(WireSetAttribute), false).OfType<WireSetAttribute>().FirstOrDefault() is { } set)
            {
                schema = RefTo(RegisterSet(set.Name));
            }

            if (attributes?.GetCustomAttributes(typeof(MinLengthAttribute), false).OfType<MinLengthAttribute>().FirstOrDefault() is { } min)
            {
                schema["minItems"] = min.Length;
            }

            if (attributes?.GetCustomAttributes(typeof(MaxLengthAttribute), false).OfType<MaxLengthAttribute>().FirstOrDefault() is { } max)
            {
                schema["maxItems"] = max.Length;
            }

            if (attributes?.GetCustomAttributes(typeof(DescriptionAttribute), false).OfType<DescriptionAttribute>().FirstOrDefault() is { } description)
            {
                schema["description"] = description.Description;
            }
        }

        if (context.Path.Length == 0 && type.Kind == JsonTypeInfoKind.Object)
        {
            Required(schema, type);
            var described = type.Type.GetCustomAttribute<DescriptionAttribute>()?.Description ?? TypeDescriptions.GetValueOrDefault(type.Type);
            if (described is not null)
            {
                schema["description"] = described;
            }
        }

        return schema;
    }

    /// <summary>Required = what is always written (not nullable), plus what a request must carry ([Required]).</summary>
    private static void Required(JsonObject schema, JsonTypeInfo type)
    {
        var required = new List<string>();
        foreach (var property in type.Properties)
        {
            var mustSend = property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), false) == true;
            if (mustSend || !property.IsGetNullable)
            {
                required.Add(property.Name);
            }
        }

        schema.Remove("required");
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }
    }

    private static void WithoutNull(JsonObject schema)
    {
        if (schema["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            schema["type"] = kept.Count == 1 ? kept[0] : new JsonArray([.. kept.Select(t => (JsonNode)t)]);
        }

        if (schema.TryGetPropertyValue("default", out var value) && value is null)
        {
            schema.Remove("default");
        }
    }
}
