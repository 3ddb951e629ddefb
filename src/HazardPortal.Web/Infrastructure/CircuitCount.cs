using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// How many Blazor circuits this node holds (each a signed-in page's state in memory) and how many of them have a live
/// connection — what a node behind the proxy carries, for <c>./portal cluster status</c> and the failover benchmark's
/// idle circuits per node. <c>GET /diagnostics/circuits</c> answers loopback callers alone and is mapped only when
/// <c>Diagnostics:Circuits</c> is true (the cluster's nodes and the benchmark's).
/// </summary>
public sealed class CircuitCount
{
    private int open;
    private int connected;

    public int Open => Volatile.Read(ref open);

    public int Connected => Volatile.Read(ref connected);

    /// <summary>One per circuit (scoped): Blazor may report a connection down twice (when it drops, and when the circuit is disposed).</summary>
    public sealed class Handler(CircuitCount count) : CircuitHandler
    {
        private bool up;

        // Before the scope handler: the count is the outermost view of a circuit's life.
        public override int Order => -100;

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count.open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref count.open);
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            if (!up)
            {
                up = true;
                Interlocked.Increment(ref count.connected);
            }

            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            if (up)
            {
                up = false;
                Interlocked.Decrement(ref count.connected);
            }

            return Task.CompletedTask;
        }
    }
}
