using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Polytape.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Polytape.Benchmarks.FrameCorpus).Assembly).Run(args);
