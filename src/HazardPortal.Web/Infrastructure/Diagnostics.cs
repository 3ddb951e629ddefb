using System.Net;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// The managed heap after a full, compacting collection — for the benchmark's memory-per-circuit
/// measurement only: mapped when <c>Diagnostics:MemoryEndpoint</c> is true (never in a normal start) and
/// answering loopback callers alone.
/// </summary>
public static class Diagnostics
{
    /// <summary>The node's circuits (<see cref="CircuitCount"/>), when <c>Diagnostics:Circuits</c> is true; loopback callers alone.</summary>
    public static void MapCircuitCount(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Diagnostics:Circuits"))
        {
            return;
        }

        app.MapGet("/diagnostics/circuits", (HttpContext context, CircuitCount count) =>
            context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? Results.Ok(new { open = count.Open, connected = count.Connected })
                : Results.NotFound());
    }

    public static void MapDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Diagnostics:MemoryEndpoint"))
        {
            return;
        }

        app.MapGet("/diagnostics/memory", (HttpContext context) =>
        {
            if (context.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip))
            {
                return Results.NotFound();
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            return Results.Ok(new { bytes = GC.GetTotalMemory(forceFullCollection: true) });
        });
    }
}
