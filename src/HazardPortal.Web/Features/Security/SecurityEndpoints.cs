using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Security;

/// <summary>The security administrator's handlers as API calls: roles, unlocking, the password and lockout policy.</summary>
public static class SecurityEndpoints
{
    public sealed record RolesRequest(IReadOnlyList<string> Roles);

    public static void MapSecurityApi(this IEndpointRouteBuilder app)
    {
        var security = app.MapGroup("/api/v1/security").WithTags("Security").RequireAuthorization(AuthSetup.Policies.SecurityAdmin);
        security.MapPut("/users/{id:guid}/roles", async (Guid id, RolesRequest request, AssignRoles.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new AssignRoles.Command(id, request.Roles), ct)).ToHttp(roles => Results.Ok(new { roles })));
        security.MapPost("/users/{id:guid}/unlock", async (Guid id, UnlockUser.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new UnlockUser.Command(id), ct)).ToHttp(_ => Results.Ok(new { })));
        security.MapGet("/policy", async (UpdatePolicy.Handler handler, CancellationToken ct) => Results.Ok(await handler.GetAsync(ct)));
        security.MapPut("/policy", async (SecurityPolicy policy, UpdatePolicy.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(policy, ct)).ToHttp());
    }
}
