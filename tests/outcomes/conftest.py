"""A logic model for the network "home" and for a program of it, on top of the four personas."""

from dataclasses import dataclass

import pytest

from hevruta.programs import services as programs
from hevruta.programs.models import Program, ProgramObjective


@dataclass
class Models:
    program: Program
    program_objective: ProgramObjective
    network_objective: ProgramObjective


@pytest.fixture
def models(world) -> Models:  # type: ignore[no-untyped-def]
    program = programs.create_program(world.home, name_en="Leaders", slug="leaders")
    goal = programs.add_goal(program, "Leaders who lead", "en")
    objective = programs.add_objective(goal, "Efficacy to lead vision into action", "en")
    network_goal = programs.add_goal(world.home, "A network that works across sectors", "en")
    network_objective = programs.add_objective(network_goal, "Ties across organizations", "en")
    return Models(program, objective, network_objective)
