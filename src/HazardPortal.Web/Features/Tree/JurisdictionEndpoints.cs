using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Tree;

public static class JurisdictionEndpoints
{
    public sealed record NodeDto(string Code, string Name, string Level, string? ParentCode, int ChildCount, int EnterpriseCount);

    public static void MapJurisdictions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/jurisdictions").WithTags("Jurisdictions").RequireAuthorization();
        group.MapGet("/{code}", async (string code, JurisdictionQueries queries, CancellationToken ct) =>
            (await queries.GetAsync(code, ct)).ToHttp(n => Results.Ok(Dto(n))));
        group.MapGet("/{code}/children", async (string code, JurisdictionQueries queries, CancellationToken ct) =>
            (await queries.ChildrenAsync(code, ct)).ToHttp(list => Results.Ok(list.Select(Dto))));
    }

    private static NodeDto Dto(JurisdictionQueries.Node n) =>
        new(n.Code, n.Name, n.Level.ToString(), n.ParentCode, n.ChildCount, n.EnterpriseCount);
}
