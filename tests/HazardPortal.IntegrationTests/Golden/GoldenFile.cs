using System.Runtime.CompilerServices;

namespace HazardPortal.IntegrationTests.Golden;

/// <summary>
/// A checked-in expectation compared as text. A mismatch fails with the first differing line and leaves the actual
/// text beside the test output (<c>*.actual.txt</c>); <c>HAZARDPORTAL_UPDATE_GOLDEN=1</c> rewrites the expectation in
/// the source tree instead — then read the diff before committing it.
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string name, string actual) => Compare(name, actual);

    private static void Compare(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, name + ".txt"); // beside this file, in the source tree
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
        if (Environment.GetEnvironmentVariable("HAZARDPORTAL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (expected == actual)
        {
            return;
        }

        var output = Path.Combine(AppContext.BaseDirectory, name + ".actual.txt");
        File.WriteAllText(output, actual);
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < Math.Min(e.Length, a.Length) && e[i] == a[i])
        {
            i++;
        }

        Assert.Fail($"{name}: line {i + 1} differs from the expectation {path}\n  expected: {(i < e.Length ? e[i] : "<end>")}\n  actual:   {(i < a.Length ? a[i] : "<end>")}\n(the whole actual text: {output})");
    }
}
