// Types for eslint-layers.js, which stays JavaScript so eslint.config.js can load it without a build.
import type { Rule } from 'eslint';

export declare const LAYERS: Record<string, readonly string[]>;
export declare const layersRule: Rule.RuleModule;
declare const plugin: { rules: { layers: Rule.RuleModule } };
export default plugin;
