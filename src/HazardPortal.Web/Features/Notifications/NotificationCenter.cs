using HazardPortal.Core.Common;
using HazardPortal.Core.Data;
using HazardPortal.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Notifications;

/// <summary>The signed-in user's notifications (scoped like every business row, and the user's own only).</summary>
public sealed class NotificationCenter(PortalDb portalDb, TimeProvider clock)
{
    public sealed record NotificationDto(Guid Id, string Kind, string Title, DateTimeOffset CreatedAt, bool Read, Guid? HazardId, Guid? FormId, string Link);

    private Guid? Me => portalDb.Scope.UserId;

    public async Task<List<NotificationDto>> ListAsync(bool unreadOnly, int take = 100, CancellationToken ct = default)
    {
        if (Me is not { } me)
        {
            return [];
        }

        await using var db = portalDb.Open();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Take(Math.Clamp(take, 1, 500))
            .Select(n => new NotificationDto(n.Id, n.Kind.ToString(), n.Title, n.CreatedAt, n.ReadAt != null, n.HazardId, n.FormId, n.Link)).ToListAsync(ct);
    }

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (Me is not { } me)
        {
            return 0;
        }

        await using var db = portalDb.Open();
        return await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
    }

    public async Task<Result<NotificationDto>> MarkReadAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = portalDb.Open();
        var n = await db.Notifications.SingleOrDefaultAsync(x => x.Id == id && x.UserId == Me, ct);
        if (n is null)
        {
            return Error.NotFound("通知");
        }

        n.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new NotificationDto(n.Id, n.Kind.ToString(), n.Title, n.CreatedAt, true, n.HazardId, n.FormId, n.Link);
    }

    public async Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        if (Me is not { } me)
        {
            return 0;
        }

        await using var db = portalDb.Open();
        var unread = await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        unread.ForEach(n => n.ReadAt = now);
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }
}

/// <summary>Runs the escalation job on a timer (every <c>Escalation:IntervalMinutes</c>, default 15) in every instance; the job's advisory lock lets one run at a time.</summary>
public sealed class EscalationRunner(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<EscalationRunner> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Escalation:IntervalMinutes", 15);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EscalationJob>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "escalation run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
