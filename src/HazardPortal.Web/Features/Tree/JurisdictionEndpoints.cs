using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Tree;

public static class JurisdictionEndpoints
{
    /// <summary>A node as a stranger reads it: its level in words beside the code, whether it is onboarded, and the list year.</summary>
    public sealed record NodeDto(
        string Code, string Name, string Level, string LevelName, string? ParentCode, int ChildCount, int EnterpriseCount,
        bool Onboarded, int? DivisionYear, DateOnly? RetiredOn);

    public static void MapJurisdictions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/jurisdictions").WithTags("Jurisdictions").RequireAuthorization();
        group.MapGet("/{code}", async (string code, JurisdictionQueries queries, CancellationToken ct) =>
            (await queries.GetAsync(code, ct)).ToHttp(n => Results.Ok(Dto(n))));
        group.MapGet("/{code}/children", async (string code, JurisdictionQueries queries, CancellationToken ct) =>
            (await queries.ChildrenAsync(code, ct)).ToHttp(list => Results.Ok(list.Select(Dto))));
        // An office switches a township's villages on: the NBS list's 村（居）委会 become nodes below it.
        group.MapPost("/{code}/villages", async (string code, JurisdictionVillages villages, CancellationToken ct) =>
            (await villages.AddAsync(code, ct)).ToHttp());
    }

    private static NodeDto Dto(JurisdictionQueries.Node n) =>
        new(n.Code, n.Name, n.Level.ToString(), n.LevelName, n.ParentCode, n.ChildCount, n.EnterpriseCount, n.Onboarded, n.DivisionYear, n.RetiredOn);
}
