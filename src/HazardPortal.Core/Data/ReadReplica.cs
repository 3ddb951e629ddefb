using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HazardPortal.Core.Data;

/// <summary>
/// Where a heavy read-only page reads (issue #18 §2): the standby named by <see cref="DatabaseOptions.Reads"/> when it is
/// in recovery and its replay is at most <see cref="DatabaseOptions.MaxReadLagSeconds"/> behind; otherwise — no reads
/// configured, the standby stopped (<c>prefer-standby</c> lands on the primary), lagging, or out of reach — the
/// primary's own pool. The check runs on the very connection the page will read on, so the page's "数据截至 HH:mm:ss"
/// and "只读副本" describe the server it read: the standby's last replayed commit when it lags, now when it does not.
/// </summary>
public sealed class ReadReplica(DatabaseOptions options, DbContextOptions<AppDbContext> primary, TimeProvider clock, ILogger<ReadReplica> logger)
{
    private readonly DbContextOptions<AppDbContext>? standby = string.IsNullOrWhiteSpace(options.Reads) ? null : DatabaseSetup.BuildOptions(options.Reads, clock);

    /// <summary>
    /// In recovery; then no lag when a WAL receiver runs and has replayed all it received, else the age of the last
    /// replayed commit (a standby cut off from its primary does not count as caught up).
    /// </summary>
    private const string LagSql = """
        SELECT pg_is_in_recovery(),
               CASE WHEN NOT pg_is_in_recovery() THEN 0
                    WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                    ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 1e9)::float8 END
        """;

    /// <summary>The context for a read-only page in the caller's scope, its connection open, and the moment its data is current to.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The context that is returned is the caller's (await using); every other one is disposed in its finally block.")]
    public async Task<(AppDbContext Db, DateTimeOffset DataAsOf, bool FromStandby)> OpenAsync(AccessScope scope, CancellationToken ct = default)
    {
        if (standby is not null)
        {
            AppDbContext? db = new(standby, scope);
            try
            {
                await db.Database.OpenConnectionAsync(ct);
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = LagSql;
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                var (inRecovery, lag) = (reader.GetBoolean(0), reader.GetDouble(1));
                if (Serves(inRecovery, lag, options.MaxReadLagSeconds))
                {
                    var served = db;
                    db = null; // the caller's now
                    return (served, clock.GetUtcNow().AddSeconds(-lag), true);
                }

                if (inRecovery)
                {
                    logger.LogWarning("reads: the standby is {Lag:F1} s behind (bound {Bound} s); reading on the primary", lag, options.MaxReadLagSeconds);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                // Out of reach — or Database:Reads not usable as written (a single host with prefer-standby): said in the log.
                logger.LogWarning(ex, "reads: the standby is out of reach; reading on the primary");
            }
            finally
            {
                // Not the standby (stopped, lagging, unreachable): the check's connection goes back to the read pool, and
                // the page reads on the primary's own pool.
                if (db is not null)
                {
                    await db.DisposeAsync();
                }
            }
        }

        return (await OpenPrimaryAsync(scope, ct), clock.GetUtcNow(), false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The context that is returned is the caller's (await using); on failure it is disposed before the exception goes on.")]
    private async Task<AppDbContext> OpenPrimaryAsync(AccessScope scope, CancellationToken ct)
    {
        var onPrimary = new AppDbContext(primary, scope);
        try
        {
            await onPrimary.Database.OpenConnectionAsync(ct);
            return onPrimary;
        }
        catch
        {
            await onPrimary.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a read-only page's reads (<see cref="OpenAsync"/>) and, when the standby goes away under them — stopped, shut
    /// down or cut off mid-query, or a query cancelled by a conflict with recovery — runs them once more on the primary,
    /// so the page is answered, not failed, while a standby stops. <paramref name="read"/> gets the context, the moment
    /// its data is current to, and whether it read on the standby; it must not write.
    /// </summary>
    /// <param name="primaryOnly">Read on the primary whatever the standby's lag (what the caller just wrote must show).</param>
    public async Task<T> ReadAsync<T>(AccessScope scope, Func<AppDbContext, DateTimeOffset, bool, Task<T>> read, bool primaryOnly = false, CancellationToken ct = default)
    {
        var opened = primaryOnly ? (Db: await OpenPrimaryAsync(scope, ct), DataAsOf: clock.GetUtcNow(), FromStandby: false) : await OpenAsync(scope, ct);
        await using (var db = opened.Db)
        {
            try
            {
                return await read(db, opened.DataAsOf, opened.FromStandby);
            }
            catch (Exception ex) when (opened.FromStandby && !ct.IsCancellationRequested && StandbyWentAway(ex))
            {
                logger.LogWarning(ex, "reads: the standby went away during a read; reading again on the primary");
            }
        }

        await using var onPrimary = await OpenPrimaryAsync(scope, ct);
        return await read(onPrimary, clock.GetUtcNow(), false);
    }

    /// <summary>
    /// Whether a failed read is the standby's going rather than the read's own fault: a broken connection (class 08, or an
    /// I/O or socket error under Npgsql's), the server shutting down, crashing or not accepting connections (57P01–57P04),
    /// or a statement cancelled by a conflict with recovery (40001 on a standby). Not a statement or command timeout
    /// (57014, <see cref="TimeoutException"/>): a slow read would only be slow again on the primary.
    /// </summary>
    public static bool StandbyWentAway(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "57P04" or "40001";
                case System.IO.IOException or System.Net.Sockets.SocketException:
                    return true;
                case TimeoutException:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether a node so found may serve the reads: a standby (in recovery) no further behind than the bound.</summary>
    public static bool Serves(bool inRecovery, double lagSeconds, double bound) => inRecovery && lagSeconds <= bound;
}
