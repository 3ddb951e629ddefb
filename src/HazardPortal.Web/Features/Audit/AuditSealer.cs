using HazardPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Audit;

/// <summary>
/// Seals the audit log's new rows into its hash chain every few seconds (migration AuditChainSealer), so that
/// writing an audit row never waits for another transaction. <c>Audit:SealSeconds</c> (default 5; 0 turns the timer
/// off, as the tests do, which seal when they need to).
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AuditSealer> log) : BackgroundService
{
    public const int BatchRows = 5000;

    /// <summary>One seal: up to <see cref="BatchRows"/> rows, on a connection that may read the log for the purpose.</summary>
    public static async Task<int> SealAsync(PortalDb portalDb, CancellationToken ct)
    {
        await using var db = portalDb.OpenSystem("audit-seal");
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT set_config('hp.audit_reader', 'on', false)", ct);
        return await db.Database.SqlQueryRaw<int>("SELECT hp_audit_seal({0}) AS \"Value\"", BatchRows).SingleAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Audit:SealSeconds", 5);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var portalDb = scope.ServiceProvider.GetRequiredService<PortalDb>();
                while (await SealAsync(portalDb, stoppingToken) == BatchRows)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "audit seal failed");
            }
        }
    }
}
