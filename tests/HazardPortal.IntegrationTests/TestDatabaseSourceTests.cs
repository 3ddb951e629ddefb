using System.Net.Sockets;
using System.Text;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Which PostgreSQL the tests use: HAZARDPORTAL_TEST_PG, else Testcontainers when a Docker engine
/// answers, else the machine's own binaries. No engine runs on these machines, so the container path
/// is chosen only when something answers Docker's ping — tried here with a stand-in engine.
/// </summary>
public class TestDatabaseSourceTests
{
    [Theory]
    [InlineData("Host=db;Username=postgres", true, PostgresCluster.Source.External)]
    [InlineData("Host=db;Username=postgres", false, PostgresCluster.Source.External)]
    [InlineData(null, true, PostgresCluster.Source.Container)]
    [InlineData("", true, PostgresCluster.Source.Container)]
    [InlineData("  ", false, PostgresCluster.Source.LocalCluster)]
    [InlineData(null, false, PostgresCluster.Source.LocalCluster)]
    public void The_variable_wins_then_docker_then_the_local_binaries(string? variable, bool docker, PostgresCluster.Source expected) =>
        Assert.Equal(expected, PostgresCluster.Choose(variable, docker));

    [Fact]
    public void No_socket_and_no_variable_means_no_docker() =>
        Assert.False(PostgresCluster.DockerReachable(dockerHost: "", socketPath: "/nonexistent/docker.sock"));

    [Fact]
    public void A_socket_nobody_listens_on_means_no_docker()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hp-nodocker-{Guid.NewGuid():N}.sock");
        Assert.False(PostgresCluster.DockerReachable(dockerHost: "unix://" + path));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", true)]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\n\r\n", false)]
    [InlineData("SSH-2.0-OpenSSH\r\n", false)]
    public async Task Only_an_engine_answering_its_ping_counts(string answer, bool expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hp-docker-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            var buffer = new byte[1024];
            var read = await client.ReceiveAsync(buffer);
            Assert.StartsWith("GET /_ping ", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
            await client.SendAsync(Encoding.ASCII.GetBytes(answer));
        });
        try
        {
            Assert.Equal(expected, PostgresCluster.DockerReachable(dockerHost: "unix://" + path));
            await serve;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
