using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// The database out of reach for a moment — the primary lost and the standby being promoted, every connection of the
/// pool waiting on a synchronous commit, a host refusing connections — is not a bug of the request: it is answered
/// 503 with <c>Retry-After</c> and a Chinese message, so that a client (the failover drill's, a platform's) tries again
/// and a person knows that nothing is wrong with what they typed. Whether the write happened is unknown to the portal
/// then; a retry of a submission that did commit meets "已上报" (409), of a registration with its Idempotency-Key the
/// same hazard.
/// </summary>
public sealed class DatabaseUnavailable : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public const string Title = "数据库暂时无法访问（可能正在切换），请5秒后重试；您填写的内容不会丢失";

    /// <summary>
    /// Connection failures and server states that pass when the formation has a primary again: any error Npgsql raises
    /// on its side of the connection (a refused or broken connection, "no suitable host" — not flagged transient by
    /// Npgsql —, a timeout, the pool exhausted), and the server's "shutting down" (57P), "cannot connect now" (57P03), "too many connections" (53300) and "read-only
    /// transaction" on a node that was just demoted (25006). Wrapped ones (EF Core's transient-failure wrapper, a
    /// DbUpdateException) are looked through. A command that ran past its timeout on a live database is counted too
    /// (Npgsql reports it like a broken connection); a timeout outside Npgsql is not.
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState is "53300" or "25006" or "08006" or "08001" or "08004";
                case NpgsqlOperationInProgressException:
                    return false; // one connection used by two operations at once: a bug, not an outage
                case NpgsqlException:
                    return true; // raised by the client side: the connection (refused, broken, timed out), the pool, no suitable host
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Is(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        await RetryLater.WriteAsync(httpContext, RetryAfterSeconds, Title, "数据库暂时无法访问（可能正在切换）", cancellationToken);
        return true;
    }
}
