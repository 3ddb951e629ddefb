using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Admin;

/// <summary>The admin screens' handlers as API calls, for bulk tools and acceptance checks.</summary>
public static class AdminEndpoints
{
    public sealed record DisableRequest(bool Disabled);

    public sealed record BindingRequest(Guid? UnitId, Guid? EnterpriseId);

    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AuthSetup.Policies.SystemAdmin);
        admin.MapPost("/units", async (SaveUnit.Command command, SaveUnit.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/admin/units/{id}"));
        admin.MapPost("/enterprises", async (SaveEnterprise.Command command, SaveEnterprise.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/enterprises/{id}"));
        admin.MapPost("/places", async (SavePlace.Command command, SavePlace.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/admin/places/{id}"));
        admin.MapPost("/users", async (CreateUser.Command command, CreateUser.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(command, ct)).ToCreated(id => $"/api/v1/admin/users/{id}"));
        admin.MapPost("/users/{id:guid}/disabled", async (Guid id, DisableRequest request, SetUserDisabled.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new SetUserDisabled.Command(id, request.Disabled), ct)).ToHttp(_ => Results.Ok(new { })));

        admin.MapPut("/users/{id:guid}/binding", async (Guid id, BindingRequest request, RebindUser.Handler handler, CancellationToken ct) =>
            (await handler.HandleAsync(new RebindUser.Command(id, request.UnitId, request.EnterpriseId), ct)).ToHttp(_ => Results.Ok(new { })));
    }
}
