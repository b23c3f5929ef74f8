using MtvConsole.Core.Validation;

namespace MtvConsole.Web.Validation;

public sealed record ConcernDto(string Id, string Category, string Label, string Assessment)
{
    public static ConcernDto From(Concern c) => new(c.Id, c.Category.ToString(), c.Label, c.Assessment);
}

/// <summary>The answer of <c>POST /api/v1/validate</c>, shaped like the Forklift validation service's result.</summary>
public sealed record ValidateResponse(int RulesVersion, IReadOnlyList<ConcernDto> Concerns, IReadOnlyList<string> Errors);

/// <summary>Acknowledge or withdraw: the provider (by name), the VM id, the concern id and a reason.</summary>
public sealed record AcknowledgementRequest(string? Provider, string? VmId, string? ConcernId, string? Reason);

public sealed record VmConcernsDto(string Provider, string VmId, string VmName, long Revision, int RulesVersion, DateTimeOffset ValidatedAt,
    IReadOnlyList<ConcernDto> Concerns, IReadOnlyList<string> AcknowledgedConcernIds);
