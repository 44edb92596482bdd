using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.DevHost.Tests.Samples;

/// <summary>Stands for a function someone adds to the app later: nothing in the dev host names it.</summary>
public sealed class LateAddedSamples
{
    [Function("LateAdded")]
    public static IActionResult LateAdded([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "late")] Microsoft.AspNetCore.Http.HttpRequest req) =>
        new ContentResult { Content = "late but here" };
}
