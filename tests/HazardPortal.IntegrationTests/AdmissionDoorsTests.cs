using HazardPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Writes have a narrower door than reads (issue #18's standby-stop drill: writes waiting for a synchronous commit held
/// every pooled connection, and reads could not even check who was asking). With the writes' door full, another write is
/// turned away while a read still gets in; reads fill only the common door.
/// </summary>
public class AdmissionDoorsTests
{
    private static DefaultHttpContext Request(string method, string path = "/api/v1/dispatch/forms/x/submit") =>
        new() { Request = { Method = method, Path = path } };

    [Fact]
    public void With_the_writes_door_full_a_write_is_turned_away_and_a_read_gets_in()
    {
        using var limiter = Admission.Limiter(new Admission.AdmissionOptions { MaxConcurrent = 4, MaxConcurrentWrites = 2, QueueLimit = 0 });
        using var w1 = limiter.AttemptAcquire(Request("POST"));
        using var w2 = limiter.AttemptAcquire(Request("PUT"));
        Assert.True(w1.IsAcquired && w2.IsAcquired);
        using var w3 = limiter.AttemptAcquire(Request("POST"));
        Assert.False(w3.IsAcquired);
        using var r1 = limiter.AttemptAcquire(Request("GET", "/api/v1/dashboard"));
        using var r2 = limiter.AttemptAcquire(Request("GET", "/hazards"));
        Assert.True(r1.IsAcquired && r2.IsAcquired);
        using var r3 = limiter.AttemptAcquire(Request("GET", "/api/v1/dashboard"));
        Assert.False(r3.IsAcquired); // the common door: four in work
        using var health = limiter.AttemptAcquire(Request("GET", "/health/live"));
        Assert.True(health.IsAcquired); // never shed
    }

    [Fact]
    public async Task Writes_waiting_at_their_door_keep_no_place_at_the_common_one()
    {
        using var limiter = Admission.Limiter(new Admission.AdmissionOptions { MaxConcurrent = 3, MaxConcurrentWrites = 2, QueueLimit = 4 });
        using var w1 = limiter.AttemptAcquire(Request("POST"));
        using var w2 = limiter.AttemptAcquire(Request("POST"));
        var waiting = limiter.AcquireAsync(Request("POST"), cancellationToken: TestContext.Current.CancellationToken).AsTask();
        Assert.False(waiting.IsCompleted); // the third write waits at the writes' door
        using var read = limiter.AttemptAcquire(Request("GET", "/api/v1/dashboard"));
        Assert.True(read.IsAcquired); // the common door still has the third place
        w1.Dispose();
        using var third = await waiting;
        Assert.True(third.IsAcquired); // a write left both doors: the waiting one goes in
    }
}
