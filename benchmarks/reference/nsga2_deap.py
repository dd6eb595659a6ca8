"""DEAP side of the NSGA-II benchmark (run_search.sh): DEAP's NSGA-II (as in DEAP's own
examples/ga/nsga2.py: selTournamentDCD, bounded SBX eta 20, polynomial mutation eta 20 with
probability 1/d per gene, selNSGA2) on ZDT1-3 with 30 variables, population 100, the same number of
generations and seeds as `neuroengine bench search`. Prints the mean hypervolume against
(1.1, 1.1) per problem as key=value lines."""
import random
import sys

from deap import base, benchmarks, creator, tools

DIM, POP = 30, 100


def hypervolume(front, ref=(1.1, 1.1)):
    pts = sorted((f for f in front if f[0] < ref[0] and f[1] < ref[1]), key=lambda f: (f[0], f[1]))
    volume, last = 0.0, ref[1]
    for f1, f2 in pts:
        if f2 >= last:
            continue
        volume += (ref[0] - f1) * (last - f2)
        last = f2
    return volume


def run(problem, generations, seed, cxpb):
    random.seed(seed)
    toolbox = base.Toolbox()
    toolbox.register("attr", random.uniform, 0.0, 1.0)
    toolbox.register("individual", tools.initRepeat, creator.Individual, toolbox.attr, DIM)
    toolbox.register("population", tools.initRepeat, list, toolbox.individual)
    toolbox.register("evaluate", problem)
    toolbox.register("mate", tools.cxSimulatedBinaryBounded, low=0.0, up=1.0, eta=20.0)
    toolbox.register("mutate", tools.mutPolynomialBounded, low=0.0, up=1.0, eta=20.0, indpb=1.0 / DIM)
    toolbox.register("select", tools.selNSGA2)
    pop = toolbox.population(n=POP)
    for ind in pop:
        ind.fitness.values = toolbox.evaluate(ind)
    pop = toolbox.select(pop, len(pop))
    for _ in range(1, generations):
        offspring = [toolbox.clone(i) for i in tools.selTournamentDCD(pop, len(pop))]
        for a, b in zip(offspring[::2], offspring[1::2]):
            if random.random() <= cxpb:
                toolbox.mate(a, b)
            toolbox.mutate(a)
            toolbox.mutate(b)
            del a.fitness.values, b.fitness.values
        for ind in offspring:
            if not ind.fitness.valid:
                ind.fitness.values = toolbox.evaluate(ind)
        pop = toolbox.select(pop + offspring, POP)
    front = tools.sortNondominated(pop, len(pop), first_front_only=True)[0]
    return hypervolume([ind.fitness.values for ind in front])


def main():
    generations, seeds = int(sys.argv[1]), int(sys.argv[2])
    creator.create("FitnessMin", base.Fitness, weights=(-1.0, -1.0))
    creator.create("Individual", list, fitness=creator.FitnessMin)
    for name, problem in (("zdt1", benchmarks.zdt1), ("zdt2", benchmarks.zdt2), ("zdt3", benchmarks.zdt3)):
        hv = [run(problem, generations, seed, cxpb=1.0) for seed in range(1, seeds + 1)]
        print(f"{name}_hypervolume={sum(hv) / len(hv):.4f}")


if __name__ == "__main__":
    main()
