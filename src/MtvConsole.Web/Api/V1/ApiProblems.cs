using MtvConsole.Core.Conditions;

namespace MtvConsole.Web.Api.V1;

/// <summary>
/// The API's errors, all <c>application/problem+json</c>: 404 names what is missing, 409 says why the action
/// is not allowed now, 400 names the fields that are wrong.
/// </summary>
internal static class ApiProblems
{
    public static IResult NotFound(string kind, string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No {kind} named '{name}'.");

    public static IResult NotFound(string title) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    public static IResult Conflict(string title) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title);

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public static IResult Invalid(IEnumerable<KeyValuePair<string, string>> errors)
    {
        var byField = errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray());
        return Results.ValidationProblem(byField, title: "The request is not valid: " + string.Join(" ", byField.SelectMany(f => f.Value)));
    }

    /// <summary>409 for a plan that cannot start, listing every blocking condition.</summary>
    public static IResult NotReady(string plan, IEnumerable<Condition> blockers, string? title = null)
    {
        var list = blockers.Select(ConditionDto.From).ToList();
        return Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: title ?? $"Plan '{plan}' is not ready.",
            detail: string.Join(" ", list.Select(b => $"{b.Type}: {b.Message}")),
            extensions: new Dictionary<string, object?> { ["blockers"] = list });
    }

    /// <summary>A refusal sentence from a store or command: "No … named" and "no longer exists" are 404, the rest 409.</summary>
    public static IResult Refused(string problem) =>
        problem.StartsWith("No ", StringComparison.Ordinal) && problem.Contains(" named '", StringComparison.Ordinal)
        || problem.Contains("no longer exists", StringComparison.Ordinal)
            ? NotFound(problem)
            : Conflict(problem);
}
