export * from './platforms.composition';
