using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HazardPortal.Core.Data;

/// <summary>
/// Where a heavy read-only page reads (issue #18 §2): the standby named by <see cref="DatabaseOptions.Reads"/> when it is
/// in recovery and its replay is at most <see cref="DatabaseOptions.MaxReadLagSeconds"/> behind; otherwise — no reads
/// configured, the standby stopped or lagging, <c>prefer-standby</c> landing on the primary — the primary. The page then
/// says how current its data is ("数据截至 HH:mm:ss"): the standby's last replayed commit when it lags, now when it does
/// not. The check is made at most every two seconds; a failed check costs the reader nothing but the primary.
/// </summary>
public sealed class ReadReplica(DatabaseOptions options, DbContextOptions<AppDbContext> primary, TimeProvider clock, ILogger<ReadReplica> logger)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);
    private readonly DbContextOptions<AppDbContext>? standby = string.IsNullOrWhiteSpace(options.Reads) ? null : DatabaseSetup.BuildOptions(options.Reads, clock);
    private readonly string? probe = string.IsNullOrWhiteSpace(options.Reads) ? null
        : new NpgsqlConnectionStringBuilder(options.Reads) { Pooling = false, Timeout = 2, CommandTimeout = 2 }.ConnectionString;
    private volatile State? last;

    /// <summary>
    /// What was found: whether the read source serves (a standby near enough, or — the standby stopped — the primary it
    /// fell back to, still on the read source's own pool), whether that is the standby, its lag (seconds), and when.
    /// </summary>
    public sealed record State(bool UseReads, bool Standby, double LagSeconds, DateTimeOffset CheckedAt);

    /// <summary>The context for a read-only page in the caller's scope, and the moment its data is current to.</summary>
    public async Task<(AppDbContext Db, DateTimeOffset DataAsOf, bool FromStandby)> OpenAsync(AccessScope scope, CancellationToken ct = default)
    {
        var state = await StateAsync(ct);
        var now = clock.GetUtcNow();
        // The read source's own pool even when it lands on the primary: reads do not queue behind writes that a
        // synchronous commit holds (the failover drill's standby stop). A standby too far behind: the primary's pool.
        return state.UseReads
            ? (new AppDbContext(standby!, scope), now.AddSeconds(-state.LagSeconds), state.Standby)
            : (new AppDbContext(primary, scope), now, false);
    }

    /// <summary>Whether a node so found may serve the reads: a standby (in recovery) no further behind than the bound.</summary>
    public static bool Serves(bool inRecovery, double lagSeconds, double bound) => inRecovery && lagSeconds <= bound;

    private async Task<State> StateAsync(CancellationToken ct)
    {
        if (probe is null)
        {
            return new State(false, false, 0, clock.GetUtcNow());
        }

        if (last is { } known && clock.GetUtcNow() - known.CheckedAt < CheckEvery)
        {
            return known;
        }

        State found;
        try
        {
            await using var conn = new NpgsqlConnection(probe);
            await conn.OpenAsync(ct);
            // Caught up (all received WAL replayed): no lag, however long ago the last commit was. Otherwise: the age of
            // the last replayed commit.
            await using var cmd = new NpgsqlCommand("""
                SELECT pg_is_in_recovery(),
                       CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                            ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 1e9)::float8 END
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var inRecovery = reader.GetBoolean(0);
            var lag = reader.GetDouble(1);
            var serves = Serves(inRecovery, lag, options.MaxReadLagSeconds);
            found = new State(serves || !inRecovery, serves, serves ? lag : 0, clock.GetUtcNow());
            if (inRecovery && !serves)
            {
                logger.LogWarning("reads: the standby is {Lag:F1} s behind (bound {Bound} s); reading on the primary", lag, options.MaxReadLagSeconds);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // Out of reach — or Database:Reads not usable as written (a single host with prefer-standby): said in the log.
            logger.LogWarning(ex, "reads: the standby is out of reach; reading on the primary");
            found = new State(false, false, 0, clock.GetUtcNow());
        }

        last = found;
        return found;
    }
}
