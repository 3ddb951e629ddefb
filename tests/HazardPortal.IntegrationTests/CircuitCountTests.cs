using HazardPortal.Web.Infrastructure;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// A node's circuit count (issue #18 §5, idle circuits per node): opened and closed once each, connected once per
/// circuit however often Blazor reports its connection down (when it drops, and again when the circuit is disposed).
/// </summary>
public class CircuitCountTests
{
    [Fact]
    public async Task A_circuit_is_counted_once_open_and_once_connected()
    {
        var count = new CircuitCount();
        var first = new CircuitCount.Handler(count);
        var second = new CircuitCount.Handler(count);
        var ct = TestContext.Current.CancellationToken;
        await first.OnCircuitOpenedAsync(null!, ct);
        await first.OnConnectionUpAsync(null!, ct);
        await second.OnCircuitOpenedAsync(null!, ct);
        await second.OnConnectionUpAsync(null!, ct);
        Assert.Equal((2, 2), (count.Open, count.Connected));

        await first.OnConnectionDownAsync(null!, ct); // the connection drops…
        await first.OnConnectionDownAsync(null!, ct); // …and the circuit is disposed
        await first.OnCircuitClosedAsync(null!, ct);
        Assert.Equal((1, 1), (count.Open, count.Connected));

        await second.OnConnectionDownAsync(null!, ct);
        await second.OnConnectionUpAsync(null!, ct); // reconnected
        Assert.Equal((1, 1), (count.Open, count.Connected));
    }
}
