using System.Text;
using CreditFunctions.App.Telemetry;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using AiJson = Microsoft.ApplicationInsights.Extensibility.Implementation.JsonSerializer;

namespace CreditFunctions.Integration.Tests.Telemetry;

/// <summary>
/// Items carrying an ID number, built as the SDK builds them, go through the processor and are then serialised exactly
/// as the channel sends them: neither the number nor its birth date is left anywhere in what would go out.
/// </summary>
public sealed class TelemetryScrubTests
{
    private static readonly string Person = Subjects.NewIdNumber();

    [Fact]
    public void A_request_to_a_subjects_route_keeps_its_route_template_and_no_id_number()
    {
        var request = new RequestTelemetry($"GET /api/subjects/{Person}/credit", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(12), "200", true)
        {
            Url = new Uri($"https://credit.example.invalid/api/subjects/{Person}/credit?asOf=2026-12-01"),
            Source = $"https://partner.example.invalid/screen?subject={Person}",
        };
        request.Properties["subjectId"] = Person;
        request.Properties[$"lookup {Person}"] = "yes";
        request.Context.Operation.Name = $"GET /api/subjects/{Person}/credit";
        request.Context.GlobalProperties["caller"] = Person.ToLowerInvariant();

        var sent = Send(request);

        NoTraceOf(Person, sent);
        Assert.Equal("GET /api/subjects/{id}/credit", request.Name);
        Assert.Equal("/api/subjects/{id}/credit", Uri.UnescapeDataString(request.Url!.AbsolutePath));
        Assert.Contains("asOf=2026-12-01", request.Url.Query, StringComparison.Ordinal);
        Assert.Equal(IdNumberScrubber.Mask(Person), request.Properties["subjectId"]);
        Assert.Equal("GET /api/subjects/{id}/credit", request.Context.Operation.Name);
    }

    [Fact]
    public void A_trace_a_dependency_and_an_exception_carrying_an_id_number_leave_no_trace_of_it()
    {
        var trace = new TraceTelemetry($"Looked up {Person} for tendering-bidding", SeverityLevel.Information);
        trace.Properties["{OriginalFormat}"] = "Looked up {Subject}";
        trace.Properties["Subject"] = Person;
        var dependency = new DependencyTelemetry(
            "Azure table", "credit.table.core.chinacloudapi.cn", $"GET /devstoreaccount1/AccessLog(PartitionKey='{Person}')",
            $"https://credit.table.core.chinacloudapi.cn/AccessLog()?$filter=Subject%20eq%20'{Person}'")
        {
            ResultCode = "200",
        };
        dependency.Properties["az.table"] = "AccessLog";
        dependency.Properties["escaped"] = $"$filter=Subject%20eq%20%27{Person}%27 or Id eq%20{Person}";
        dependency.Properties["url"] = $"http://127.0.0.1:7071/api/subjects/{Person}/restrictions?business=x";
        var exception = new ExceptionTelemetry(
            new InvalidOperationException($"No answer for {Person}", new FormatException($"{Person} is not a unit")));
        exception.Properties["path"] = $"/api/subjects/{Person}/access-log";

        var sent = Send(trace, dependency, exception);

        NoTraceOf(Person, sent);
        Assert.Contains(IdNumberScrubber.Mask(Person), trace.Message, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:7071/api/subjects/{id}/restrictions?business=x", dependency.Properties["url"]);
        Assert.Equal("/api/subjects/{id}/access-log", exception.Properties["path"]);
        Assert.All(exception.ExceptionDetailsInfoList, d => Assert.DoesNotContain(Person, d.Message, StringComparison.Ordinal));
        Assert.Equal(2, exception.ExceptionDetailsInfoList.Count);
    }

    [Fact]
    public void A_lower_case_x_and_a_number_with_a_wrong_check_character_are_masked_too_and_other_numbers_are_left_alone()
    {
        var withX = "11010119900307123x";
        var typo = Person[..17] + (Person[17] == '0' ? '1' : '0');
        var uscc = Subjects.NewUscc();
        const string Ticks = "6389912345678901234"; // 19 digits: not an ID number
        var trace = new TraceTelemetry($"{withX} {typo} unit {uscc} ticks {Ticks} record SH-HRSS.ABCDEF", SeverityLevel.Warning);

        var sent = Send(trace);

        NoTraceOf(withX, sent);
        NoTraceOf(typo, sent);
        Assert.Contains(uscc, trace.Message, StringComparison.Ordinal);
        Assert.Contains(Ticks, trace.Message, StringComparison.Ordinal);
        Assert.Contains("110101********123x", trace.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_route_with_a_parameter_is_templated_and_others_are_left_as_they_are()
    {
        Assert.Equal("subjects/{id}/credit", IdNumberScrubber.Template($"subjects/{Person}/credit"));
        Assert.Equal("subjects/{id}/restrictions?business=a", IdNumberScrubber.Template($"subjects/{Person}/restrictions?business=a"));
        Assert.Equal("records/{recordId}", IdNumberScrubber.Template("records/SH-HRSS-ENFORCEMENT.ABC"));
        Assert.Equal("objections/{id}/decision", IdNumberScrubber.Template("objections/obj_1/decision"));
        Assert.Equal("objections?status=pending", IdNumberScrubber.Template("objections?status=pending"));
        Assert.Equal("health", IdNumberScrubber.Template("health"));
        Assert.Same("nothing to see", IdNumberScrubber.Scrub("nothing to see"));
    }

    [Fact]
    public void The_processor_hands_every_item_on_scrubbed()
    {
        var next = new Collecting();
        var processor = new IdNumberTelemetryProcessor(next);

        processor.Process(new TraceTelemetry($"subject {Person}"));

        var item = Assert.Single(next.Items);
        NoTraceOf(Person, Serialize(item));
    }

    /// <summary>Through the processor, then serialised as the channel would send it.</summary>
    private static string Send(params ITelemetry[] items)
    {
        var next = new Collecting();
        var processor = new IdNumberTelemetryProcessor(next);
        foreach (var item in items)
        {
            processor.Process(item);
        }

        Assert.Equal(items.Length, next.Items.Count);
        return Serialize(next.Items.ToArray());
    }

    private static string Serialize(params ITelemetry[] items) => Encoding.UTF8.GetString(AiJson.Serialize(items, compress: false));

    private static void NoTraceOf(string idNumber, string sent)
    {
        Assert.NotEmpty(sent);
        var unescaped = Uri.UnescapeDataString(sent);
        foreach (var text in new[] { sent, unescaped })
        {
            Assert.DoesNotContain(idNumber, text, StringComparison.OrdinalIgnoreCase);
            // The birth date (positions 7–14) is what the masked form hides.
            Assert.DoesNotContain(idNumber.Substring(6, 8) + idNumber.Substring(14, 3), text, StringComparison.Ordinal);
        }
    }

    private sealed class Collecting : ITelemetryProcessor
    {
        public List<ITelemetry> Items { get; } = [];

        public void Process(ITelemetry item) => Items.Add(item);
    }
}
