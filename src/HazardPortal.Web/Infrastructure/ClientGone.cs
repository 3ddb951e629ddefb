using Microsoft.AspNetCore.Diagnostics;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// A request whose client went away (a page closed or reloaded, a circuit's negotiation abandoned, a phone that lost its
/// signal) cancels its work: that is no error of the portal. It is answered 499 — nginx's "client closed request", which
/// nobody receives — and logged as information, so that an operator reading the log on cutoff night sees the portal's
/// own failures, not every closed tab.
/// </summary>
public sealed class ClientGone : IExceptionHandler
{
    public const int Status = 499;

    public static bool Is(HttpContext httpContext, Exception exception) =>
        exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested;

    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Is(httpContext, exception) || httpContext.Response.HasStarted)
        {
            return ValueTask.FromResult(false);
        }

        httpContext.Response.StatusCode = Status;
        return ValueTask.FromResult(true);
    }
}
