using HazardPortal.Web.Infrastructure;

namespace HazardPortal.Web.Features.Notifications;

/// <summary>Notifications (API.md "Dashboards and notifications") and the admin's "run now" per job.</summary>
public static class NotificationEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(AuthSetup.Policies.Business);
        group.MapGet("/", async (bool? unread, NotificationCenter s, CancellationToken ct) => Results.Ok(await s.ListAsync(unread ?? false, ct: ct)));
        group.MapGet("/unread-count", async (NotificationCenter s, CancellationToken ct) => Results.Ok(new { count = await s.UnreadCountAsync(ct) }));
        group.MapPost("/{id:guid}/read", async (Guid id, NotificationCenter s, CancellationToken ct) => (await s.MarkReadAsync(id, ct)).ToHttp());
        group.MapPost("/read-all", async (NotificationCenter s, CancellationToken ct) => Results.Ok(new { read = await s.MarkAllReadAsync(ct) }));

        var jobs = app.MapGroup("/api/v1/admin/jobs").WithTags("Admin").RequireAuthorization(AuthSetup.Policies.SystemAdmin);
        jobs.MapPost("/{name}/run", async (string name, EscalationJob escalation, CancellationToken ct) =>
            name == EscalationJob.Name
                ? Results.Ok(await escalation.RunAsync(ct))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这个后台任务", detail: $"可运行的任务：{EscalationJob.Name}"));
    }
}
