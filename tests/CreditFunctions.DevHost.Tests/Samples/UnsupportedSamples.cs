using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace CreditFunctions.DevHost.Tests.Samples;

/// <summary>Functions Azure would run differently from anything the dev host could do: it must refuse them.</summary>
public sealed class UnsupportedSamples
{
    [Function("WithQueueOutput")]
    [QueueOutput("credit-out")]
    public string WithQueueOutput([QueueTrigger("credit-in")] string message) => message;

    [Function("WithFunctionContext")]
    public IActionResult WithFunctionContext([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest req, FunctionContext context) =>
        new OkResult();

    [Function("WithCustomTrigger")]
    public void WithCustomTrigger([CustomTrigger] string payload)
    {
    }

    [Function("WithUnboundParameter")]
    public void WithUnboundParameter([QueueTrigger("credit-in")] string message, string subjectId)
    {
    }

    [Function("WithMissingSetting")]
    public void WithMissingSetting([QueueTrigger("%NoSuchSetting%")] string message)
    {
    }
}

/// <summary>A trigger type the dev host does not know (as Blob or Service Bus triggers would be).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CustomTriggerAttribute : TriggerBindingAttribute
{
}
