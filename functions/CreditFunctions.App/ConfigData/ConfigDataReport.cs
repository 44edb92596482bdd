using CreditFunctions.App.Api;
using CreditFunctions.App.Trust;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.App.ConfigData;

/// <summary>
/// What /api/health says of the data that changes without a deploy: versions and origins of the catalogue, calendar and
/// source keys, the calendar's last covered day, and warnings (status stays "healthy"): from
/// <see cref="CalendarWarningDays"/> days before the calendar ends, when a new version was refused, when the container
/// cannot be read.
/// </summary>
public sealed class ConfigDataReport(ConfigDataMonitor monitor, IServiceProvider services, TimeProvider clock)
{
    /// <summary>docs/rules.md "Working days": warn from 60 days before the calendar's end.</summary>
    public const int CalendarWarningDays = 60;

    public HealthReport Complete(HealthReport report)
    {
        var today = ChinaStandardTime.Today(clock);
        var calendar = monitor.Calendar;
        var last = calendar.LastCoveredDay;
        var warnsFrom = last.AddDays(-CalendarWarningDays);
        var status = monitor.Status.ToList();
        var keys = SourceKeysStatus();
        if (keys is not null)
        {
            status.Add(keys);
        }

        var warnings = new List<HealthWarning>();
        if (today > last)
        {
            warnings.Add(Warning("calendar-ended",
                $"工作日历只覆盖到 {last:yyyy-MM-dd}，此后的期限按周一至周五计算，不含法定节假日和调休。请将国务院办公厅公布的节假日安排写入 {ConfigDataMonitor.CalendarBlob} 并上传到配置容器。",
                $"The working-day calendar covers days up to {last:yyyy-MM-dd} only: deadlines after it are counted Monday to Friday, without public holidays or make-up working days. Add the State Council's holiday notice to {ConfigDataMonitor.CalendarBlob} and upload it to the configuration container."));
        }
        else if (today >= warnsFrom)
        {
            warnings.Add(Warning("calendar-ending",
                $"工作日历将于 {last:yyyy-MM-dd} 到期（还有 {last.DayNumber - today.DayNumber} 天）：此后的期限将按周一至周五计算，不含法定节假日和调休。国务院办公厅公布下一年度节假日安排后，请将其写入 {ConfigDataMonitor.CalendarBlob} 并上传到配置容器。",
                $"The working-day calendar ends on {last:yyyy-MM-dd} ({last.DayNumber - today.DayNumber} days from now): deadlines after it will be counted Monday to Friday, without public holidays or make-up working days. When the State Council publishes next year's holiday notice, add it to {ConfigDataMonitor.CalendarBlob} and upload it to the configuration container."));
        }

        foreach (var kind in status.Where(s => s.Refused is not null))
        {
            warnings.Add(Warning("config-refused",
                $"新上传的{Chinese(kind.Kind)}未通过校验，已被拒绝（{kind.Refused!.At:yyyy-MM-dd HH:mm} UTC），仍在使用：{kind.Version}。原因见 configData。",
                $"The new {kind.Kind} uploaded failed validation and was refused ({kind.Refused.At:yyyy-MM-dd HH:mm} UTC); still in force: {kind.Version}. The problems are under configData."));
        }

        if (status.FirstOrDefault(s => s.CheckError is not null) is { } unreadable)
        {
            warnings.Add(Warning("config-unreadable",
                $"无法读取配置容器 {monitor.Location}，继续使用已加载的版本。",
                $"The configuration container {monitor.Location} cannot be read; the versions loaded stay in force ({unreadable.CheckError})."));
        }

        return report with
        {
            Versions = report.Versions with
            {
                Catalogue = string.Join(",", monitor.Catalogue.Versions.Select(v => v.Version)),
                Calendar = status.FirstOrDefault(s => s.Kind == "calendar")?.Version,
                SourceKeys = status.FirstOrDefault(s => s.Kind == "source-keys")?.Version,
            },
            Calendar = new HealthCalendar(last, warnsFrom, calendar.CoveredYears.Order().ToList()),
            ConfigData = status,
            Warnings = [.. report.Warnings, .. warnings],
        };
    }

    /// <summary>Without a container the keys are the folder registry's, when the app uses it at all.</summary>
    private ConfigDataStatus? SourceKeysStatus()
    {
        if (monitor.SourceKeys is not null)
        {
            return null; // already in monitor.Status
        }

        ISourceKeys? keys;
        try
        {
            keys = services.GetService<ISourceKeys>();
        }
        catch (SourceKeyLoadException)
        {
            keys = null; // the start-up check stops the app in that case; health does not fail over it
        }

        return keys switch
        {
            SourceKeyRegistry registry => new ConfigDataStatus(
                "source-keys",
                $"{ConfigDataMonitor.Count(registry.Current.Keys.Count, "key")} of {ConfigDataMonitor.Count(registry.Current.Units.Count, "unit")}, sha256 {registry.Current.Fingerprint[..12]}",
                registry.Directory,
                registry.LoadedAt)
            {
                Refused = registry.LastRefusal is { } problems ? new ConfigRefusal(registry.LoadedAt, problems) : null,
            },
            null => null,
            _ => new ConfigDataStatus("source-keys", ConfigDataMonitor.Count(keys.Current.Keys.Count, "key"), keys.GetType().Name, default),
        };
    }

    private static string Chinese(string kind) => kind switch
    {
        "catalogue" => "目录",
        "calendar" => "工作日历",
        "source-keys" => "来源公钥",
        _ => kind,
    };

    private static HealthWarning Warning(string code, string zh, string en) => new(code, $"{zh} / {en}", zh, en);
}
