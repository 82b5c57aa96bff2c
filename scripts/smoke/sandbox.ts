// The pod's filesystem and network for one run: bubblewrap with a read-only root, the pod's volumes
// as the only writable paths, and a network namespace of its own (only loopback inside).
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { RunSpec } from './run-spec.ts';

/** The image's layout that the pinned runtime stands in for (ghcr.io/openclaw/openclaw). */
export const IMAGE = {
  /** The image's WORKDIR: the openclaw package. */
  workdir: '/app',
  /** Where the image has its Node; bound as a directory over /usr/local/bin. */
  nodeDir: '/usr/local/bin',
  path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  home: '/home/node',
  /** The image's CMD when a container sets neither command nor args. */
  defaultArgv: ['node', 'openclaw.mjs', 'gateway'],
};

/** Where the installed runtime's node_modules appear inside the sandbox. */
const RUNTIME_MODULES = '/opt/openclaw/node_modules';

/** Where the smoke's own files appear inside the sandbox (the agent, its config and its sockets). */
export const AGENT_DIR = '/run/smoke';

export interface SandboxLayout {
  /** Host directory per mount path: written files for configMap/secret volumes, empty dirs otherwise. */
  hostPathOf(mountPath: string): string;
  nodeBinDir: string;
  /** The installed openclaw package (inside a node_modules directory with its dependencies). */
  packageDir: string;
  agentScript: string;
  agentConfig: string;
  socketDir: string;
  /** A generated /etc/passwd, /etc/group and /etc/hosts for the pod's user. */
  etcDir: string;
}

/** The image's CLI entry `dist/index.js` is `openclaw.mjs` in the npm package of the same release. */
export function containerArgv(spec: Pick<RunSpec, 'argv'>): string[] {
  const argv = spec.argv.length > 0 ? [...spec.argv] : [...IMAGE.defaultArgv];
  const entry = argv.findIndex((arg, index) => index > 0 && /^(?:\/app\/)?dist\/index\.js$/.test(arg));
  if (entry > 0 && /(^|\/)node$/.test(argv[0]!)) argv[entry] = 'openclaw.mjs';
  return argv;
}

/** The container's environment as the kubelet composes it: the image's, then the container's own. */
export function containerEnv(spec: Pick<RunSpec, 'env' | 'workload'>): Record<string, string> {
  return { PATH: IMAGE.path, HOME: IMAGE.home, HOSTNAME: `${spec.workload}-smoke`, ...spec.env };
}

export function bwrapArgs(spec: RunSpec, layout: SandboxLayout): string[] {
  const args = [
    '--unshare-user', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
    '--uid', String(spec.runAsUser), '--gid', String(spec.runAsGroup),
    '--hostname', `${spec.workload}-smoke`,
    '--die-with-parent', '--new-session', '--clearenv',
    '--ro-bind', '/usr', '/usr',
  ];
  // Debian and Ubuntu link /bin, /lib, … into /usr; elsewhere they are real directories.
  for (const dir of ['/bin', '/sbin', '/lib', '/lib32', '/lib64']) {
    if (!existsSync(dir)) continue;
    if (lstatSync(dir).isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  args.push('--ro-bind-try', '/etc/ssl', '/etc/ssl', '--ro-bind-try', '/etc/ca-certificates', '/etc/ca-certificates');
  for (const file of ['passwd', 'group', 'hosts']) args.push('--ro-bind', `${layout.etcDir}/${file}`, `/etc/${file}`);
  args.push('--proc', '/proc', '--dev', '/dev');
  // npm hoists openclaw's dependencies next to it: the whole tree is bound, /app links to the package.
  args.push('--ro-bind', layout.nodeBinDir, IMAGE.nodeDir, '--ro-bind', dirname(layout.packageDir), RUNTIME_MODULES);
  args.push('--symlink', `${RUNTIME_MODULES}/${basename(layout.packageDir)}`, IMAGE.workdir);
  // Parents before children: /home/node/.openclaw before /home/node/.openclaw/workspace.
  for (const mount of [...spec.mounts].sort((a, b) => a.path.split('/').length - b.path.split('/').length)) {
    const host = layout.hostPathOf(mount.path);
    args.push(mount.kind === 'writable' && !mount.readOnly ? '--bind' : '--ro-bind', host, mount.path);
  }
  args.push('--ro-bind', layout.agentScript, `${AGENT_DIR}/pod-agent.mjs`, '--ro-bind', layout.agentConfig, `${AGENT_DIR}/agent.json`);
  args.push('--bind', layout.socketDir, `${AGENT_DIR}/sock`);
  args.push('--chdir', spec.workingDir ?? IMAGE.workdir);
  if (spec.readOnlyRootFilesystem) args.push('--remount-ro', '/');
  for (const [name, value] of Object.entries(containerEnv(spec))) args.push('--setenv', name, value);
  args.push(`${IMAGE.nodeDir}/node`, `${AGENT_DIR}/pod-agent.mjs`, `${AGENT_DIR}/agent.json`);
  return args;
}
