import { pointer } from '../../lib/model.ts';
import { describe, listAt, stringAt } from '../cross/lib/values.ts';
import type { RepositoryRule, Violation } from '../rule.ts';
import { isAppProject, isApplication, isApplicationSet, resourcesWhere } from './lib/gitops-objects.ts';

export const argocdProject: RepositoryRule = {
  scope: 'repository',
  id: 'argocd-project',
  severity: 'error',
  description:
    "Argo CD AppProjects allow no `*` source repository or destination (server, name or namespace); no Application uses the `default` project; an ApplicationSet's template project is not templated.",
  fix: 'List the repository and the namespaces explicitly in an AppProject of its own, and name that project literally in every Application and ApplicationSet template.',
  kinds: ['AppProject', 'Application', 'ApplicationSet'],
  equivalents: {},
  check(context) {
    const violations: Violation[] = [];
    for (const project of resourcesWhere(context, isAppProject)) {
      listAt(project.object.spec, 'sourceRepos').forEach((repository, index) => {
        if (repository !== '*') return;
        violations.push({
          resource: project,
          path: pointer('spec', 'sourceRepos', index),
          message: `${describe(project)} allows every source repository ('*'): any Application in it can deploy anything from anywhere`,
        });
      });
      listAt(project.object.spec, 'destinations').forEach((destination, index) => {
        for (const field of ['server', 'name', 'namespace']) {
          if (stringAt(destination, field) !== '*') continue;
          violations.push({
            resource: project,
            path: pointer('spec', 'destinations', index, field),
            message: `${describe(project)} allows every destination ${field} ('*'): its Applications can write to any ${field === 'namespace' ? 'namespace' : 'cluster'}`,
          });
        }
      });
    }
    for (const application of resourcesWhere(context, isApplication)) {
      const project = stringAt(application.object.spec, 'project');
      if (project !== undefined && project !== 'default') continue;
      violations.push({
        resource: application,
        path: project === undefined ? '/spec' : '/spec/project',
        message: `${describe(application)} is in the default project, which allows every repository, destination and kind`,
      });
    }
    for (const set of resourcesWhere(context, isApplicationSet)) {
      const project = stringAt(set.object.spec, 'template', 'spec', 'project');
      if (project === undefined) continue;
      if (project.includes('{{')) {
        violations.push({
          resource: set,
          path: '/spec/template/spec/project',
          message: `${describe(set)} templates its project (${project}): whoever controls the generator's input chooses the project, and with it the permissions`,
        });
      } else if (project === 'default') {
        violations.push({
          resource: set,
          path: '/spec/template/spec/project',
          message: `${describe(set)} generates Applications in the default project, which allows every repository, destination and kind`,
        });
      }
    }
    return violations;
  },
};
