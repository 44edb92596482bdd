using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Json;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.Integration.Tests.Contracts;

/// <summary>
/// The AsyncAPI document (Contracts/asyncapi.json) against the tools and the code: it parses with no error or warning,
/// every example in it and in examples/ validates against its message schema, every message the code writes (serialised
/// with the app's own AppJson context) validates too, with no member the schema lacks, and its queues, schema names,
/// kinds, codes and the catalogue's required fields are the code's.
/// </summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string DocumentPath = Path.Combine(Root, "functions", "CreditFunctions.App", "Contracts", "asyncapi.json");
    private static readonly string Validator = Path.Combine(Root, "infra", "contracts", "validate-messages.mjs");
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 1, 30, 0, 123, TimeSpan.Zero);

    private static JsonNode Document => JsonNode.Parse(File.ReadAllText(DocumentPath))!;

    /// <summary>
    /// contract-check runs once per test run, on the OpenAPI document as well (OpenApiLintTests); this test fails only
    /// for its AsyncAPI step and the Redoc bundle, so a broken OpenAPI document does not show up here too.
    /// </summary>
    [Fact]
    public void The_contract_check_parses_the_document_and_validates_every_example_in_it_and_in_examples()
    {
        var run = ContractCheck.Run;

        var failed = ContractCheck.FailedSteps(run).Where(s => s is not ("redocly" or "spectral" or "client")).ToList();
        Assert.True(failed.Count == 0, $"infra/contract-check --asyncapi failed ({string.Join(", ", failed)}):\n{run.Output}");
        if (run.ExitCode == 0)
        {
            Assert.Contains("asyncapi 3.0.0", run.Output, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void An_example_in_examples_validates_against_its_message_schema_with_no_undeclared_member(string file)
    {
        var run = Validate("--strict", "--auto", Path.Combine(Root, "examples", file));

        Assert.True(run.ExitCode == 0, $"examples/{file}:\n{run.Output}");
    }

    [Fact]
    public void Every_message_the_code_writes_validates_against_its_schema_with_no_undeclared_member()
    {
        var folder = Directory.CreateTempSubdirectory("asyncapi-messages-");
        try
        {
            var written = new Dictionary<string, int>(StringComparer.Ordinal);
            void Write(string message, string json)
            {
                var n = written[message] = written.GetValueOrDefault(message) + 1;
                File.WriteAllText(Path.Combine(folder.FullName, $"{message}.{n}.json"), json);
            }

            foreach (var notice in RejectionNotices())
            {
                Write("ingestRejection", JsonSerializer.Serialize(notice, AppJson.Web.RejectionNotice));
            }

            var events = PlatformEvents();
            foreach (var e in events)
            {
                Write("platformRecordEvent", JsonSerializer.Serialize(e, AppJson.Web.PlatformEvent));
            }

            Write("outboxNotice", JsonSerializer.Serialize(
                new OutboxNotice(events.Select(e => new OutboxPointer(SubjectKeys.BucketOf("91310110666007217T"), e.EventId)).ToList()), AppJson.Web.OutboxNotice));

            var objectionId = CreditFunctions.App.Cases.CaseIds.NewObjectionId();
            var recordId = events[0].RecordId;
            Write("creditObjection", JsonSerializer.Serialize(
                new ObjectionNotice(ObjectionNotice.SchemaName, objectionId, recordId, "SH-HRSS-ENFORCEMENT", Today, Today.AddDays(7), Now), AppJson.Web.ObjectionNotice));
            Write("creditEscalation", JsonSerializer.Serialize(
                new EscalationNotice(EscalationNotice.SchemaName, objectionId, recordId, "SH-HRSS-ENFORCEMENT", Today, Today.AddDays(7), Now.AddDays(8)), AppJson.Web.EscalationNotice));

            var pseudonyms = new SubjectPseudonymizer("a test key of at least sixteen bytes");
            Assert.True(SubjectId.TryParse("11010519491231002X", SubjectType.Individual, Today, out var person, out _));
            foreach (var outcome in Enum.GetValues<ObjectionOutcome>())
            {
                Write("creditNotification", JsonSerializer.Serialize(
                    new SubjectNotification(SubjectNotification.SchemaName, "91310110666007217T", recordId, SubjectNotification.ObjectionDecided,
                        outcome.ToWire(), Now, objectionId, null), AppJson.Web.SubjectNotification));
            }

            foreach (var outcome in Enum.GetValues<RepairOutcome>())
            {
                Write("creditNotification", JsonSerializer.Serialize(
                    new SubjectNotification(SubjectNotification.SchemaName, pseudonyms.KeyFor(person), recordId, SubjectNotification.RepairDecided,
                        outcome.ToWire(), Now, null, CreditFunctions.App.Cases.CaseIds.NewRepairId()), AppJson.Web.SubjectNotification));
            }

            // The partner loop (contract v2): a feedback's platform event, a change as fed and as POSTed to a callback, the
            // outbox notice carrying a change for the watches, and the delivery notice.
            var feedback = new MeasureFeedback(CreditFunctions.App.Cases.CaseIds.NewFeedbackId(), "lk_2516061643916675007147ba80e7cbe",
                "91310110666007217T", "hrss-business", "art8.2.1", MeasureFeedback.Applied, "对其申请材料进行了重点审核", 0m);
            Write("platformFeedbackEvent", JsonSerializer.Serialize(
                new MeasureFeedbackEvent(MeasureFeedbackEvent.IdFor(feedback.FeedbackId), MeasureFeedbackEvent.TypeName, Now, feedback), AppJson.Web.MeasureFeedbackEvent));
            var change = new WatchChange(CreditFunctions.App.Watches.WatchStore.Cursor(Now, "change." + recordId + ".000001.0"), "91310110666007217T", Now,
                "record-listed", recordId, "general-dishonesty", "enhanced-review");
            Write("watchChange", JsonSerializer.Serialize(change, AppJson.Web.WatchChange));
            Write("watchChange", JsonSerializer.Serialize(change with { WatchId = CreditFunctions.App.Cases.CaseIds.NewWatchId(), Decision = null }, AppJson.Web.WatchChange));
            Write("outboxNotice", JsonSerializer.Serialize(new OutboxNotice([new OutboxPointer(SubjectKeys.BucketOf("91310110666007217T"), "change." + recordId + ".000001.0",
                new SubjectChangeNotice("91310110666007217T", "unit", "91310110666007217T", "record-listed", recordId, Now))]), AppJson.Web.OutboxNotice));
            Write("watchDeliveryNotice", JsonSerializer.Serialize(new WatchDeliveryNotice([CreditFunctions.App.Cases.CaseIds.NewWatchId()]), AppJson.Web.WatchDeliveryNotice));

            var run = Validate("--strict", "--auto", folder.FullName);

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal(["creditEscalation", "creditNotification", "creditObjection", "ingestRejection", "outboxNotice", "platformFeedbackEvent", "platformRecordEvent",
                "watchChange", "watchDeliveryNotice"], written.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_documents_examples_use_the_record_id_and_bucket_the_code_gives_examples_admin_penalty()
    {
        var schemas = Document["components"]!["schemas"]!;
        var recordId = RecordIds.For("SH-HRSS-ENFORCEMENT", "沪人社监罚〔2024〕123号");

        Assert.Equal(recordId, schemas["RecordId"]!["examples"]![0]!.GetValue<string>());
        Assert.Equal(recordId, schemas["PlatformRecordEvent"]!["examples"]![0]!["recordId"]!.GetValue<string>());
        Assert.Equal(PlatformEvent.IdFor(recordId, 1, PlatformEventTypes.Publish), schemas["PlatformRecordEvent"]!["examples"]![0]!["eventId"]!.GetValue<string>());
        var pointer = schemas["OutboxNotice"]!["examples"]![0]!["events"]![0]!;
        Assert.Equal(SubjectKeys.BucketOf("91310110666007217T"), pointer["partition"]!.GetValue<string>());
    }

    [Fact]
    public void The_document_has_a_channel_for_every_queue_the_code_uses_and_receives_from_exactly_the_triggered_ones()
    {
        var document = Document;
        var channels = document["channels"]!.AsObject();
        var addresses = channels.Select(c => c.Value!["address"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var triggered = typeof(CreditFunctionsServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()?.QueueName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var received = document["operations"]!.AsObject()
            .Where(o => o.Value!["action"]!.GetValue<string>() == "receive")
            .Select(o => channels[ChannelId(o.Value!)]!["address"]!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);

        var missing = QueueNames.All.Where(q => !addresses.Contains(q)).ToList();
        Assert.True(missing.Count == 0, "Queues with no channel: " + string.Join(", ", missing));
        Assert.Contains("notices-{unit}", addresses);
        Assert.Contains("/credit-events", addresses);
        Assert.Equal(triggered.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        // Every channel is used by an operation.
        var used = document["operations"]!.AsObject().Select(o => ChannelId(o.Value!)).ToHashSet(StringComparer.Ordinal);
        var unused = channels.Select(c => c.Key).Where(c => !used.Contains(c)).ToList();
        Assert.True(unused.Count == 0, "Channels no operation uses: " + string.Join(", ", unused));
    }

    [Fact]
    public void Schema_names_kinds_states_event_types_and_rejection_codes_are_the_codes()
    {
        var schemas = Document["components"]!["schemas"]!;
        string Const(string schema) => schemas[schema]!["properties"]!["schema"]!["const"]!.GetValue<string>();
        string[] Enum(JsonNode node) => node["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

        Assert.Equal(RecordsEnvelopeReader.Schema, Const("CreditRecordsEnvelope"));
        Assert.Equal(SubjectProfileIngestor.Schema, Const("SubjectProfileEnvelope"));
        Assert.Equal(ObjectionNotice.SchemaName, Const("ObjectionNotice"));
        Assert.Equal(EscalationNotice.SchemaName, Const("EscalationNotice"));
        Assert.Equal(SubjectNotification.SchemaName, Const("SubjectNotification"));
        Assert.Equal(RecordsEnvelopeReader.MaxRecords, schemas["CreditRecordsEnvelope"]!["properties"]!["records"]!["maxItems"]!.GetValue<int>());

        Assert.Equal(System.Enum.GetValues<RecordKind>().Select(k => k.ToWire()), Enum(schemas["RecordKind"]!));
        Assert.Equal(System.Enum.GetValues<Severity>().Select(s => s.ToWire()), Enum(schemas["Severity"]!));
        Assert.Equal(System.Enum.GetValues<RecordClassification>().Select(c => c.ToWire()).Order(), Enum(schemas["PlatformRecord"]!["properties"]!["classification"]!).Order());
        Assert.Equal(System.Enum.GetValues<RecordState>().Select(s => s.ToWire()).Order(), Enum(schemas["PlatformRecord"]!["properties"]!["state"]!).Order());
        Assert.Equal(Constants(typeof(PlatformEventTypes)).Order(), Enum(schemas["PlatformRecordEvent"]!["properties"]!["type"]!).Order());
        Assert.Equal(
            [SubjectNotification.ObjectionDecided, SubjectNotification.RepairDecided],
            Enum(schemas["SubjectNotification"]!["properties"]!["event"]!));

        var documented = Enum(schemas["RejectionCode"]!).ToHashSet(StringComparer.Ordinal);
        var codes = Constants(typeof(RejectionCodes))
            .Append(SubjectIdError.PublicCode)
            .Append(IngestRejection.InvalidJson("x").Code)
            .Append(IngestRejection.UnknownSchema("x").Code)
            .Append(IngestRejection.TooManyRecords(501, 500).Code)
            .Append(IngestRejection.MessageTooLarge(70_000, 65_536).Code)
            .Append(RecordLifecycle.StaleVersion(1, 2).Code);
        var undocumented = codes.Where(c => !documented.Contains(c)).ToList();
        Assert.True(undocumented.Count == 0, "Rejection codes missing from RejectionCode: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void The_record_schema_asks_an_upsert_for_exactly_what_each_catalogue_version_requires_and_knows_every_optional_field()
    {
        var folder = Directory.CreateTempSubdirectory("asyncapi-catalogue-");
        try
        {
            var mustFail = new HashSet<string>(StringComparer.Ordinal);
            foreach (var catalogue in CatalogueSet.LoadEmbedded().Versions)
            {
                foreach (var kind in System.Enum.GetValues<RecordKind>())
                {
                    var entry = catalogue.DataListEntry(kind);
                    var source = entry.Submitters.First();
                    var name = $"creditRecords.{catalogue.Version}.{kind.ToWire()}";
                    var required = entry.RequiredFields.ToList();
                    if (kind.Polarity() == RecordPolarity.Dishonesty && kind != RecordKind.WageArrearsList)
                    {
                        required.Add("severity"); // or a behaviour code: the classifier needs a grade
                    }

                    File.WriteAllText(Path.Combine(folder.FullName, $"{name}.minimal.json"), Envelope(source, Record(kind, required)));
                    File.WriteAllText(Path.Combine(folder.FullName, $"{name}.all-fields.json"),
                        Envelope(source, Record(kind, required.Concat(entry.OptionalFields).ToList())));
                    foreach (var field in entry.RequiredFields)
                    {
                        var file = $"{name}.without-{field}.json";
                        File.WriteAllText(Path.Combine(folder.FullName, file), Envelope(source, Record(kind, required.Where(f => f != field).ToList())));
                        mustFail.Add(file);
                    }
                }
            }

            var run = Validate("--strict", "--auto", folder.FullName);

            var failed = Directory.GetFiles(folder.FullName).Select(Path.GetFileName).OfType<string>()
                .Where(f => run.Output.Contains(Path.Combine(folder.FullName, f) + " (", StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            Assert.True(failed.SetEquals(mustFail),
                $"Valid but should not be: {string.Join(", ", mustFail.Except(failed))}\nInvalid but should not be: {string.Join(", ", failed.Except(mustFail))}\n{run.Output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Notices as RejectionLedger builds them, from the refusals the readers and the classifier really produce.</summary>
    private static List<RejectionNotice> RejectionNotices()
    {
        var notices = new List<RejectionNotice>();
        RejectionNotice Notice(string? messageId, string? source, params (int? Index, string? SourceRecordId, IngestRejection Reason)[] items) => new(
            "ingest-rejection/v1", messageId, source, Now,
            items.Select(i => new RejectionNoticeItem(i.Index, i.SourceRecordId, i.Reason.Code, i.Reason.Field, new LocalizedText(i.Reason.Zh, i.Reason.En))).ToList());

        var notJson = RecordsEnvelopeReader.Read("not json");
        notices.Add(Notice(notJson.MessageId, notJson.Source, (null, null, notJson.Rejection!)));

        var unknownSchema = RecordsEnvelopeReader.Read("""{"schema":"credit-records/v9","messageId":"m-1","source":"SH-HRSS"}""");
        notices.Add(Notice(unknownSchema.MessageId, unknownSchema.Source, (null, null, unknownSchema.Rejection!)));

        var envelope = RecordsEnvelopeReader.Read("""
            {"schema":"credit-records/v1","messageId":"m-2","source":"SH-HRSS-ENFORCEMENT","records":[
              {"sourceRecordId":"R-1","version":1,"action":"upsert","kind":"admin-penalty","subject":{"type":"unit","id":"91310110666007217X","name":"某公司"}},
              {"sourceRecordId":"R-2","version":1,"action":"upsert","kind":"admin-penalty","subject":{"type":"unit","id":"91310110666007217T","name":"某公司"},
               "decisionDate":"2024-04-30","decisionNumber":"沪人社监罚〔2024〕2号","procedure":"general","severity":"serious"}]}
            """).Envelope!;
        var items = new List<(int?, string?, IngestRejection)>();
        foreach (var element in envelope.Records)
        {
            if (!RecordSubmissionReader.TryRead(element.Json, envelope.Source, Today, out var submission, out var rejection))
            {
                items.Add((element.Index, RecordSubmissionReader.SourceRecordIdOf(element.Json), rejection!));
                continue;
            }

            var result = RecordClassifier.Classify(submission!, CatalogueSet.LoadEmbedded(), Today);
            Assert.False(result.IsAccepted);
            var reason = result.Rejection!;
            items.Add((element.Index, submission!.SourceRecordId, new IngestRejection(reason.Code, reason.Zh, reason.En, reason.Field)));
        }

        var stale = RecordLifecycle.StaleVersion(1, 2);
        items.Add((0, "R-0", new IngestRejection(stale.Code, stale.Zh, stale.En, stale.Field)));
        notices.Add(Notice(envelope.MessageId, envelope.Source, [.. items]));
        return notices;
    }

    /// <summary>Events of the records in examples/, classified as the ingestion does, in the types the app sends.</summary>
    private static List<PlatformEvent> PlatformEvents()
    {
        var events = new List<PlatformEvent>();
        foreach (var file in new[] { "admin-penalty.json", "court-listing.json" })
        {
            var envelope = RecordsEnvelopeReader.Read(File.ReadAllText(Path.Combine(Root, "examples", file))).Envelope!;
            foreach (var element in envelope.Records)
            {
                Assert.True(RecordSubmissionReader.TryRead(element.Json, envelope.Source, Today, out var submission, out _));
                var result = RecordClassifier.Classify(submission!, CatalogueSet.LoadEmbedded(), Today);
                Assert.True(result.IsAccepted, result.Rejection?.En);
                var record = result.Record!.ToCreditRecord(RecordIds.For(envelope.Source, submission!.SourceRecordId!));
                events.Add(PlatformEvent.For(PlatformEventTypes.Publish, record, Now));
                events.Add(PlatformEvent.For(PlatformEventTypes.ObjectionOpened, record with { UnderObjection = true }, Now, CreditFunctions.App.Cases.CaseIds.NewObjectionId()));
                events.Add(PlatformEvent.For(PlatformEventTypes.ObjectionClosed, record, Now, CreditFunctions.App.Cases.CaseIds.NewObjectionId()));
                events.Add(PlatformEvent.For(PlatformEventTypes.Withdraw, record with { State = RecordState.Repaired, WithdrawnOn = Today }, Now));
            }
        }

        return events;
    }

    private static string Envelope(string source, JsonObject record) =>
        new JsonObject
        {
            ["schema"] = "credit-records/v1",
            ["messageId"] = "m-" + Guid.NewGuid().ToString("N"),
            ["source"] = source,
            ["records"] = new JsonArray(record),
        }.ToJsonString();

    /// <summary>A record of <paramref name="kind"/> with exactly <paramref name="fields"/> (catalogue names, subject.* included).</summary>
    private static JsonObject Record(RecordKind kind, IReadOnlyList<string> fields)
    {
        var subject = new JsonObject { ["type"] = "unit" };
        var record = new JsonObject();
        foreach (var field in fields.Distinct(StringComparer.Ordinal))
        {
            JsonNode? value = field switch
            {
                "sourceRecordId" => "R-1",
                "version" => 1,
                "action" => "upsert",
                "kind" => kind.ToWire(),
                "decisionDate" => "2024-04-30",
                "decisionNumber" => "沪人社监罚〔2024〕1号",
                "behaviourCode" => "B-1",
                "severity" => kind == RecordKind.WageArrearsList ? "serious" : "general",
                "legalBasis" => "《保障农民工工资支付条例》",
                "procedure" => "general",
                "minorViolation" => false,
                "harmMitigated" => false,
                "listingEndDate" => "2027-03-01",
                "listedWithUnitId" => "91350100M000100Y43",
                "validUntil" => "2027-04-30",
                "summary" => "摘要 / summary",
                "subject.id" or "subject.name" or "subject.legalRepresentativeId" => null,
                _ => throw new InvalidOperationException($"The catalogue names a field this test does not know: {field}"),
            };
            switch (field)
            {
                case "subject.id": subject["id"] = "91310110666007217T"; break;
                case "subject.name": subject["name"] = "上海某某有限公司"; break;
                case "subject.legalRepresentativeId": subject["legalRepresentativeId"] = "11010519491231002X"; break;
                default: record[field] = value; break;
            }
        }

        record["subject"] = subject;
        return record;
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static string ChannelId(JsonNode operation) =>
        operation["channel"]!["$ref"]!.GetValue<string>()["#/channels/".Length..];

    private static ToolRun Validate(params string[] args)
    {
        var install = ContractCheck.Run; // the tools are installed by its first run
        Assert.True(File.Exists(Path.Combine(Root, "infra", "contracts", "node_modules", ".package-lock.json")), "contract tools not installed:\n" + install.Output);
        return ToolRun.Start("node", [Validator, DocumentPath, .. args]);
    }
}
