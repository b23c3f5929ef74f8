namespace MtvConsole.Lab.Generation;

/// <summary>Hands out vCenter-style managed object ids (<c>datacenter-2</c>, <c>group-v3</c>, <c>vm-431</c>) from one sequence.</summary>
internal sealed class MoRefCounter(int start)
{
    private int _next = start;

    public string Next(string prefix) => $"{prefix}{_next++}";

    public void SkipTo(int value) => _next = Math.Max(_next, value);
}
